/**
 * Mapping rules: what a person decided once about a model text, applied to every later import.
 *
 * A rule's `pattern` is a normalised model key (normaliseModelKey: manufacturer + model, lower case, accents
 * stripped, manufacturer aliases unified), optionally with `*` wildcards ("hp elitebook 8*"). It may set:
 *   - `referenceItem`: the reference item the footprint uses for these models (applied by every compute pass);
 *   - `category`: the category of the line (applied at import, before the line is stored);
 *   - default values for `lifetimeYears`, `annualKwh`, `utilisationRate`, used when the source leaves them empty
 *     (applied at import; the field is then flagged as imputed, so the quality report still shows it was missing).
 * When several rules match a key, an exact pattern wins over a wildcard one, then the pattern with the most
 * literal characters, then the lower id (the older rule).
 */
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../inventory/categories.js'
import { ASSET_FIELDS, type AssetField } from '../inventory/asset.js'
import type { AssetColumns } from '../inventory/asset-columns.js'
import { normaliseModelKey } from '../referential/normalise-model-key.js'

export type MappingRule = {
  id: number
  pattern: string
  referenceItem: string | null
  category: CategoryId | null
  lifetimeYears: number | null
  annualKwh: number | null
  utilisationRate: number | null
  note: string | null
}

export type NewMappingRule = Omit<MappingRule, 'id'>

/** The columns of a rules file (`empreinte mapping export` / `import`), in order. */
export const MAPPING_RULE_COLUMNS = [
  'pattern',
  'reference_item',
  'category',
  'lifetime_years',
  'annual_kwh',
  'utilisation_rate',
  'note',
] as const

/** A problem in a rules file or a rule given on the command line: where, and why. */
export type RuleProblem = { line: number; column: string; message: string }

/**
 * Normalises a pattern the way model keys are normalised (lower case, accents stripped, spaces collapsed),
 * keeping its `*` wildcards: "HP EliteBook 8*" → "hp elitebook 8*".
 */
export function normalisePattern(pattern: string): string {
  return pattern
    .split('*')
    .map((part, index, parts) => {
      const text = normaliseModelKey(null, part)
      // Keep the space next to a wildcard: "hp * g8" must not become "hp*g8" (which would also match "hpx g8").
      const before = index > 0 && /^\s/.test(part) ? ' ' : ''
      const after = index < parts.length - 1 && /\s$/.test(part) && text !== '' ? ' ' : ''
      return before + text + after
    })
    .join('*')
    .replace(/\*+/g, '*')
}

type CompiledRule = { rule: MappingRule; regex: RegExp | null; literalLength: number }

function compile(rule: MappingRule): CompiledRule {
  const pattern = rule.pattern
  if (!pattern.includes('*')) return { rule, regex: null, literalLength: pattern.length }
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return { rule, regex: new RegExp(`^${source}$`), literalLength: pattern.replace(/\*/g, '').length }
}

/**
 * A lookup from (manufacturer, model) to the rule that applies, cached per distinct text.
 * @example createRuleLookup(rules).ruleFor('DELL INC.', 'Latitude 5420')
 */
export function createRuleLookup(rules: readonly MappingRule[]): {
  ruleFor(manufacturer: string | null, model: string | null): MappingRule | null
  ruleForKey(key: string): MappingRule | null
  size: number
} {
  const exact = new Map<string, MappingRule>()
  const wildcards: CompiledRule[] = []
  for (const rule of [...rules].sort((a, b) => a.id - b.id)) {
    const compiled = compile(rule)
    if (compiled.regex === null) {
      if (!exact.has(rule.pattern)) exact.set(rule.pattern, rule)
    } else wildcards.push(compiled)
  }
  wildcards.sort((a, b) => b.literalLength - a.literalLength || a.rule.id - b.rule.id)
  const cache = new Map<string, MappingRule | null>()
  const ruleForKey = (key: string): MappingRule | null => {
    let found = cache.get(key)
    if (found !== undefined) return found
    found = exact.get(key) ?? wildcards.find((candidate) => candidate.regex!.test(key))?.rule ?? null
    if (cache.size > 100_000) cache.clear()
    cache.set(key, found)
    return found
  }
  return {
    size: rules.length,
    ruleForKey,
    ruleFor: (manufacturer, model) =>
      manufacturer === null && model === null ? null : ruleForKey(normaliseModelKey(manufacturer, model)),
  }
}

const BIT: Record<AssetField, number> = Object.fromEntries(
  ASSET_FIELDS.map((field, index) => [field, 1 << index]),
) as Record<AssetField, number>

/** How many lines each rule changed in a batch, by rule id. */
export type RuleApplications = Map<number, number>

/**
 * Applies the import-time part of the rules (category, default values) to a batch in place.
 * A default fills only an empty field or one the normaliser had imputed, and flags it as imputed.
 */
export function applyRulesToColumns(
  columns: AssetColumns,
  lookup: ReturnType<typeof createRuleLookup>,
  applications: RuleApplications = new Map(),
): RuleApplications {
  if (lookup.size === 0) return applications
  for (let index = 0; index < columns.length; index++) {
    const rule = lookup.ruleFor(columns.manufacturer[index]!, columns.model[index]!)
    if (rule === null) continue
    let changed = false
    if (rule.category !== null) {
      const code = CATEGORY_IDS.indexOf(rule.category)
      if (columns.category[index] !== code) {
        columns.category[index] = code
        columns.imputedMask[index]! &= ~BIT.category
        changed = true
      }
    }
    const fill = (values: Float64Array, field: AssetField, value: number | null): void => {
      if (value === null) return
      const mask = columns.imputedMask[index]!
      if (!Number.isNaN(values[index]!) && (mask & BIT[field]) === 0) return
      values[index] = value
      columns.imputedMask[index] = mask | BIT[field]
      changed = true
    }
    fill(columns.lifetimeYears, 'lifetimeYears', rule.lifetimeYears)
    fill(columns.annualKwh, 'annualKwh', rule.annualKwh)
    fill(columns.utilisationRate, 'utilisationRate', rule.utilisationRate)
    if (changed) applications.set(rule.id, (applications.get(rule.id) ?? 0) + 1)
  }
  return applications
}

function parseNumber(text: string, line: number, column: string, problems: RuleProblem[]): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed.replace(',', '.'))
  if (!Number.isFinite(value) || value < 0) {
    problems.push({ line, column, message: `"${trimmed}" is not a non-negative number` })
    return null
  }
  return value
}

/**
 * Checks one rule given as texts (a rules-file row or command-line options) and returns it normalised,
 * or the problems found. `isKnownItem` says whether a reference item id exists in the referential.
 */
export function parseRule(
  cells: Partial<Record<(typeof MAPPING_RULE_COLUMNS)[number], string>>,
  line: number,
  isKnownItem: (itemId: string) => boolean,
): { rule: NewMappingRule | null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = []
  const patternText = (cells.pattern ?? '').trim()
  const pattern = normalisePattern(patternText)
  if (pattern === '' || pattern === '*') {
    problems.push({ line, column: 'pattern', message: 'a rule needs a model text or pattern (not just "*")' })
  }
  const item = (cells.reference_item ?? '').trim()
  if (item !== '' && !isKnownItem(item)) {
    problems.push({ line, column: 'reference_item', message: `unknown reference item "${item}"` })
  }
  const categoryText = (cells.category ?? '').trim().toLowerCase()
  if (categoryText !== '' && !isCategoryId(categoryText)) {
    problems.push({
      line,
      column: 'category',
      message: `unknown category "${categoryText}" (known: ${CATEGORY_IDS.join(', ')})`,
    })
  }
  const lifetimeYears = parseNumber(cells.lifetime_years ?? '', line, 'lifetime_years', problems)
  const annualKwh = parseNumber(cells.annual_kwh ?? '', line, 'annual_kwh', problems)
  const utilisationRate = parseNumber(cells.utilisation_rate ?? '', line, 'utilisation_rate', problems)
  if (utilisationRate !== null && utilisationRate > 1) {
    problems.push({
      line,
      column: 'utilisation_rate',
      message: 'a utilisation rate is a fraction from 0 to 1',
    })
  }
  if (lifetimeYears !== null && lifetimeYears === 0) {
    problems.push({ line, column: 'lifetime_years', message: 'a lifetime must be more than 0 years' })
  }
  const rule: NewMappingRule = {
    pattern,
    referenceItem: item === '' ? null : item,
    category: categoryText === '' ? null : (categoryText as CategoryId),
    lifetimeYears,
    annualKwh,
    utilisationRate,
    note: (cells.note ?? '').trim() || null,
  }
  if (
    problems.length === 0 &&
    rule.referenceItem === null &&
    rule.category === null &&
    lifetimeYears === null &&
    annualKwh === null &&
    utilisationRate === null
  ) {
    problems.push({
      line,
      column: 'pattern',
      message: `rule "${pattern}" sets nothing: give a reference item, a category or a default value`,
    })
  }
  return problems.length === 0 ? { rule, problems } : { rule: null, problems }
}

/** A rule as the cells of a rules file row, in MAPPING_RULE_COLUMNS order. */
export function ruleToCells(rule: NewMappingRule): string[] {
  const text = (value: number | null): string => (value === null ? '' : String(value))
  return [
    rule.pattern,
    rule.referenceItem ?? '',
    rule.category ?? '',
    text(rule.lifetimeYears),
    text(rule.annualKwh),
    text(rule.utilisationRate),
    rule.note ?? '',
  ]
}
