import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { runConformance, type ConformanceReport } from '../../app/run-conformance.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte conformance DIR [--tolerance 1e-6] [--reference-date YYYY-MM-DD] [--json]` (docs/conformance.md) */
export async function conformanceCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string; isConformant: boolean }> {
  const directory = positional[0]
  if (directory === undefined || positional.length > 1) {
    throw new AppError('invalid_argument', 'conformance takes one folder: empreinte conformance DIR')
  }
  let tolerance: number | null = null
  if (options.tolerance !== null) {
    tolerance = Number(options.tolerance)
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      throw new AppError('invalid_argument', `--tolerance takes a number ≥ 0 (e.g. 1e-6), not "${options.tolerance}"`)
    }
  }
  const report = await runConformance(deps, { directory, tolerance, referenceDate: options.referenceDate })
  return { json: report, text: renderConformance(report), isConformant: report.isConformant }
}

const exponent = (value: number): string => (value === 0 ? '0' : value.toExponential(1))

export function renderConformance(report: ConformanceReport): string {
  const lines: string[] = [`Conformance with G4IT / NumEcoEval, ${report.directory} (relative tolerance ${report.tolerance})`]
  for (const set of report.sets) {
    lines.push('', `${set.directory}  [${set.profile}, calculation date ${set.calculationDate}]`)
    lines.push(
      formatTable(
        ['file', 'rows', 'values compared', 'matched', 'max rel. error', 'error causes', 'formulas', 'explained rows', 'mismatches'],
        set.files.map((file) => [
          file.file.split(/[\\/]/).slice(-1)[0] ?? file.file,
          String(file.rows),
          String(file.compared),
          String(file.matched),
          exponent(file.maxRelativeError),
          `${file.errorCausesMatched}/${file.errorRows}`,
          `${file.formulasMatched}/${file.formulasCompared}`,
          String(file.explainedRows),
          String(file.mismatches.length),
        ]),
      ),
    )
    for (const note of set.notes) lines.push(`  · ${note}`)
    const linesByReason = new Map<string, Set<number>>()
    for (const file of set.files) {
      for (const item of file.explained) {
        linesByReason.set(item.reason, (linesByReason.get(item.reason) ?? new Set()).add(item.line))
      }
    }
    if (linesByReason.size > 0) {
      lines.push('  Explained by the data (defects of the expected rows, not of the engine):')
      for (const [reason, rows] of linesByReason) lines.push(`    lines ${[...rows].join(', ')}: ${reason}`)
    }
    for (const file of set.files) {
      for (const mismatch of file.mismatches.slice(0, 20)) {
        lines.push(
          `  MISMATCH line ${mismatch.line} ${mismatch.label} ${mismatch.name}: expected ${mismatch.expected ?? '-'}, ` +
            `empreinte ${mismatch.computed ?? '-'}${mismatch.relativeError === null ? '' : ` (rel. error ${exponent(mismatch.relativeError)})`}`,
        )
      }
    }
  }
  lines.push('', report.isConformant ? 'Conformant: every value matched.' : 'NOT conformant: see the mismatches above.')
  return lines.join('\n') + '\n'
}
