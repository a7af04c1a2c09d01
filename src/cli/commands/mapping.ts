import { AppError } from '../../app/errors.js'
import {
  exportRules,
  importRules,
  listRules,
  proposeRules,
  removeRule,
  setRule,
  writeProposals,
} from '../../app/mapping.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { proposalsText } from './import.js'

export const MAPPING_USAGE = `Usage:
  empreinte mapping list
  empreinte mapping set PATTERN [--item ID] [--category ID] [--lifetime YEARS] [--kwh KWH_PER_YEAR]
                                [--utilisation 0..1] [--note TEXT]      (adds, or updates the rule with that pattern)
  empreinte mapping remove PATTERN|ID
  empreinte mapping export FILE          rules as ";" CSV: ${'pattern;reference_item;category;lifetime_years;annual_kwh;utilisation_rate;note'}
  empreinte mapping import FILE [--replace]   all rules or none; --replace removes rules the file does not list
  empreinte mapping propose [--limit 20] [--write FILE] [--campaign YEAR]
PATTERN is a model text as empreinte normalises it ("dell latitude 5420"), * for any text ("hp elitebook 8*").`

const text = (value: number | null): string => (value === null ? '' : String(value))

/** `empreinte mapping …`: the rules that make the next import run unattended. */
export async function mappingCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  const [action, argument] = positional
  const needsArgument = (what: string): string => {
    if (argument === undefined || positional.length !== 2)
      throw new AppError('invalid_argument', `mapping ${action} needs ${what}.\n${MAPPING_USAGE}`)
    return argument
  }
  switch (action) {
    case 'list': {
      const rules = await listRules(deps)
      const table = formatTable(
        ['id', 'pattern', 'reference item', 'category', 'lifetime (y)', 'kWh/yr', 'utilisation', 'note'],
        rules.map((rule) => [
          rule.id,
          rule.pattern,
          rule.referenceItem ?? '',
          rule.category ?? '',
          text(rule.lifetimeYears),
          text(rule.annualKwh),
          text(rule.utilisationRate),
          rule.note ?? '',
        ]),
      )
      return { json: { rules }, text: rules.length === 0 ? 'No mapping rule yet.\n' : table }
    }
    case 'set': {
      const pattern = needsArgument('a PATTERN')
      const result = await setRule(deps, {
        pattern,
        reference_item: options.item ?? '',
        category: options.category ?? '',
        lifetime_years: options.lifetime ?? '',
        annual_kwh: options.kwh ?? '',
        utilisation_rate: options.utilisation ?? '',
        note: options.note ?? '',
      })
      return {
        json: result,
        text: `${result.isNew ? 'Added' : 'Updated'} rule "${result.rule.pattern}"; it applies to the next imports (category, defaults) and computations (reference item).\n`,
      }
    }
    case 'remove': {
      const pattern = needsArgument('a PATTERN or rule id')
      await removeRule(deps, pattern)
      return { json: { removed: pattern }, text: `Removed rule "${pattern}".\n` }
    }
    case 'export': {
      const result = await exportRules(deps, needsArgument('a FILE'))
      return { json: result, text: `${result.rules} rule(s) written to ${result.file}\n` }
    }
    case 'import': {
      const result = await importRules(deps, { path: needsArgument('a FILE'), replaceAll: options.replace })
      return {
        json: result,
        text: `${result.file}: ${result.added} rule(s) added, ${result.updated} updated, ${result.removed} removed\n`,
      }
    }
    case 'propose': {
      const proposals = await proposeRules(deps, {
        campaignYear: options.campaign,
        limit: options.limit ?? 20,
      })
      if (options.write !== null) await writeProposals(deps, proposals, options.write)
      const written =
        options.write === null
          ? ''
          : `\nWritten to ${options.write}: edit, then empreinte mapping import ${options.write}\n`
      const body = proposalsText(proposals)
      return {
        json: proposals,
        text:
          (body === ''
            ? `Every model of campaign ${proposals.campaign} is resolved by a rule or an exact match.\n`
            : body) + written,
      }
    }
    default:
      throw new AppError('invalid_argument', MAPPING_USAGE)
  }
}
