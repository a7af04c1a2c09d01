import { estimateServiceFile } from '../../app/estimate-service.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import type { ServiceComparison } from '../../core/services/compare-service-options.js'
import { formatNumber, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte service estimate FILE`: the options of a service side by side, deltas, the best highlighted. */
export async function serviceCommand(
  deps: Deps,
  _options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  const [verb, file, ...rest] = positional
  if (verb !== 'estimate' || file === undefined || rest.length > 0) {
    throw new AppError(
      'invalid_argument',
      'Usage: empreinte service estimate FILE [--json] (FILE: YAML or JSON, see docs/services.md)',
    )
  }
  const comparison = await estimateServiceFile(deps, { file })
  return { json: comparison, text: serviceText(comparison) }
}

const signed = (value: number): string => (value > 0 ? '+' : '') + formatNumber(value)

/** The comparison as a table: one column per option, the best marked with `*`. */
export function serviceText(comparison: ServiceComparison): string {
  const options = comparison.options
  const header = ['', ...options.map((option) => (option.isBest ? `* ${option.name}` : option.name))]
  const row = (label: string, values: (number | string)[]): string[] => [
    label,
    ...values.map((value) => (typeof value === 'number' ? formatNumber(value) : value)),
  ]
  const rows = [
    row(
      'climate, kgCO2e/yr',
      options.map((option) => option.climateKgCo2e),
    ),
    row(
      '  per user, kgCO2e/yr',
      options.map((option) => option.climateKgCo2ePerUser),
    ),
    ...(options.some((option) => option.climateKgCo2ePerTransaction !== null)
      ? [
          row(
            '  per transaction, gCO2e',
            options.map((option) =>
              option.climateKgCo2ePerTransaction === null ? '' : option.climateKgCo2ePerTransaction * 1000,
            ),
          ),
        ]
      : []),
    row(
      '  terminals, kgCO2e/yr',
      options.map((option) => option.byTier.terminals.climateKgCo2e),
    ),
    row(
      '  network, kgCO2e/yr',
      options.map((option) => option.byTier.network.climateKgCo2e),
    ),
    row(
      '  datacenter, kgCO2e/yr',
      options.map((option) => option.byTier.datacenter.climateKgCo2e),
    ),
    row(
      '  manufacturing, kgCO2e/yr',
      options.map((option) => option.byPhase.manufacturing.climateKgCo2e),
    ),
    row(
      '  use, kgCO2e/yr',
      options.map((option) => option.byPhase.use.climateKgCo2e),
    ),
    row(
      'delta vs first, tCO2e/yr',
      options.map((option) => signed(option.deltaVsFirst.climateTCo2e)),
    ),
    row(
      'back-end electricity, kWh/yr',
      options.map((option) => option.backendKwhPerYear),
    ),
    row(
      'cost, €/yr',
      options.map((option) => option.euros.totalEuros),
    ),
    row(
      'delta vs first, €/yr',
      options.map((option) => signed(option.deltaVsFirst.euros)),
    ),
  ]
  const defaults = [...new Set(options.flatMap((option) => option.trace.defaultsAssumed))]
  return (
    `Service "${comparison.service}": ${options.length} option(s), referential ${comparison.referential}\n\n` +
    formatTable(header, rows) +
    `\n* Best: ${comparison.best.why}\n` +
    (defaults.length > 0 ? `\nDefaults assumed: ${defaults.join('; ')}.\n` : '') +
    'Every figure with its trace: --json (options[].trace.lines, options[].euros.lines).\n'
  )
}
