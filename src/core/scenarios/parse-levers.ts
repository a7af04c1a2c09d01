/**
 * Reads command-line lever texts `ID[:name=value,…]` (e.g. `lifetime-extension:years=2,categories=laptop+desktop`)
 * against LEVER_CATALOGUE: unknown levers, unknown or repeated parameters, bad numbers, out-of-range values and
 * unknown categories are reported as errors naming the lever and the parameter. See docs/methodology/levers.md.
 */
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../inventory/categories.js'
import { LEVER_IDS, type Lever, type LeverId, type PowerOffLever } from './lever.js'
import { leverSpecOf, type LeverParameterSpec, type LeverSpec } from './lever-catalogue.js'
import { NIGHTS_WEEKENDS_HOURS_PER_YEAR } from './power-off.js'

type ParameterValue = number | string | CategoryId | CategoryId[] | null

/** Parameter values of one lever text, by name, after defaults. */
type ParsedParameters = Map<string, ParameterValue>

function isLeverId(text: string): text is LeverId {
  return (LEVER_IDS as readonly string[]).includes(text)
}

function describeBounds(spec: LeverParameterSpec): string {
  const parts: string[] = []
  if (spec.exclusiveMinimum !== undefined) parts.push(`> ${spec.exclusiveMinimum}`)
  if (spec.minimum !== undefined) parts.push(`≥ ${spec.minimum}`)
  if (spec.maximum !== undefined) parts.push(`≤ ${spec.maximum}`)
  return parts.join(' and ')
}

function readNumber(spec: LeverParameterSpec, text: string): number | string {
  const value = text.trim() === '' ? Number.NaN : Number(text)
  if (!Number.isFinite(value)) return `must be a number (${spec.unit}), got "${text}"`
  const isTooLow =
    (spec.exclusiveMinimum !== undefined && !(value > spec.exclusiveMinimum)) ||
    (spec.minimum !== undefined && value < spec.minimum)
  const isTooHigh = spec.maximum !== undefined && value > spec.maximum
  if (isTooLow || isTooHigh) return `must be ${describeBounds(spec)}, got ${text}`
  return value
}

function readCategory(text: string): CategoryId | string {
  if (isCategoryId(text)) return text
  return `unknown category "${text}" (known: ${CATEGORY_IDS.join(', ')})`
}

function readCategories(text: string): CategoryId[] | string {
  const names = text.split('+').map((name) => name.trim())
  if (names.some((name) => name === '')) return `expects categories joined with "+", got "${text}"`
  const categories: CategoryId[] = []
  for (const name of names) {
    const category = readCategory(name)
    if (!isCategoryId(category)) return category
    if (!categories.includes(category)) categories.push(category)
  }
  return categories
}

/** Reads one parameter text; returns an error text (starting with a verb) when invalid. */
function readParameter(
  spec: LeverParameterSpec,
  text: string,
): { value: ParameterValue } | { error: string } {
  switch (spec.kind) {
    case 'number': {
      const value = readNumber(spec, text)
      return typeof value === 'number' ? { value } : { error: value }
    }
    case 'category': {
      const value = readCategory(text)
      return isCategoryId(value) ? { value } : { error: value }
    }
    case 'categories': {
      const value = readCategories(text)
      return typeof value === 'string' ? { error: value } : { value }
    }
    case 'country':
      return /^[A-Za-z]{2,3}$/.test(text)
        ? { value: text.toUpperCase() }
        : { error: `must be a country code such as SE or FR, got "${text}"` }
    case 'choice':
      return spec.choices?.includes(text) === true
        ? { value: text }
        : { error: `must be one of ${(spec.choices ?? []).join(', ')}, got "${text}"` }
  }
}

function defaultValue(spec: LeverParameterSpec): ParameterValue {
  if (spec.default === null) return null
  if (spec.kind === 'categories' && typeof spec.default === 'string') {
    const categories = readCategories(spec.default)
    if (typeof categories === 'string')
      throw new Error(`Lever catalogue: bad default for ${spec.name}: ${categories}`)
    return categories
  }
  return spec.default
}

function parseParameters(spec: LeverSpec, text: string, errors: string[]): ParsedParameters | null {
  const given = new Map<string, string>()
  const prefix = `lever "${spec.id}"`
  let isValid = true
  if (text !== '') {
    for (const pair of text.split(',')) {
      const separator = pair.indexOf('=')
      if (separator <= 0) {
        errors.push(`${prefix}: "${pair}" is not of the form name=value`)
        isValid = false
        continue
      }
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      if (!spec.parameters.some((parameter) => parameter.name === name)) {
        const known = spec.parameters.map((parameter) => parameter.name).join(', ')
        errors.push(`${prefix}: unknown parameter "${name}" (parameters: ${known})`)
        isValid = false
        continue
      }
      if (given.has(name)) {
        errors.push(`${prefix}: parameter "${name}" is given twice`)
        isValid = false
        continue
      }
      given.set(name, value)
    }
  }
  const parsed: ParsedParameters = new Map()
  for (const parameter of spec.parameters) {
    const text = given.get(parameter.name)
    if (text === undefined) {
      if (parameter.isRequired) {
        errors.push(`${prefix}: parameter "${parameter.name}" is required (${parameter.description})`)
        isValid = false
      }
      parsed.set(parameter.name, defaultValue(parameter))
      continue
    }
    const result = readParameter(parameter, text)
    if ('error' in result) {
      errors.push(`${prefix}: parameter "${parameter.name}" ${result.error}`)
      isValid = false
      continue
    }
    parsed.set(parameter.name, result.value)
  }
  return isValid ? parsed : null
}

function numberOf(parameters: ParsedParameters, name: string): number {
  return parameters.get(name) as number
}

function categoriesOf(parameters: ParsedParameters, name: string): CategoryId[] {
  return parameters.get(name) as CategoryId[]
}

function powerOffLever(
  parameters: ParsedParameters,
  givenNames: string[],
  errors: string[],
): PowerOffLever | null {
  const hasTarget = givenNames.includes('targetHours')
  const hasPolicy = givenNames.includes('policy')
  const policyText = parameters.get('policy') as string
  const policy = !hasPolicy && hasTarget ? 'target-hours' : policyText
  const targetHours = numberOf(parameters, 'targetHours')
  if (policy === 'nights-weekends' && hasTarget && targetHours !== NIGHTS_WEEKENDS_HOURS_PER_YEAR) {
    errors.push(
      `lever "power-off": parameter "targetHours" conflicts with policy=nights-weekends ` +
        `(${NIGHTS_WEEKENDS_HOURS_PER_YEAR} h/yr); use policy=target-hours or drop policy`,
    )
    return null
  }
  if (policy === 'target-hours' && !hasTarget) {
    errors.push(
      'lever "power-off": policy=target-hours needs parameter "targetHours" (powered hours per year)',
    )
    return null
  }
  return {
    id: 'power-off',
    policy: policy === 'target-hours' ? 'target-hours' : 'nights-weekends',
    targetHours,
    currentHours: (parameters.get('currentHours') as number | null) ?? null,
    categories: categoriesOf(parameters, 'categories'),
  }
}

function buildLever(
  id: LeverId,
  parameters: ParsedParameters,
  givenNames: string[],
  errors: string[],
): Lever | null {
  switch (id) {
    case 'lifetime-extension':
      return { id, years: numberOf(parameters, 'years'), categories: categoriesOf(parameters, 'categories') }
    case 'power-off':
      return powerOffLever(parameters, givenNames, errors)
    case 'fewer-screens':
      return { id, perSeat: numberOf(parameters, 'perSeat') }
    case 'refurbished-share':
      return {
        id,
        share: numberOf(parameters, 'share'),
        categories: categoriesOf(parameters, 'categories'),
        manufacturingReduction: numberOf(parameters, 'manufacturingReduction'),
        refurbishedPriceRatio: numberOf(parameters, 'refurbishedPriceRatio'),
      }
    case 'device-substitution': {
      const from = parameters.get('from') as CategoryId
      const to = parameters.get('to') as CategoryId
      if (from === to) {
        errors.push(`lever "device-substitution": parameters "from" and "to" are both "${from}"`)
        return null
      }
      return { id, from, to, share: numberOf(parameters, 'share') }
    }
    case 'datacenter-pue':
      return { id, pue: numberOf(parameters, 'pue') }
    case 'server-consolidation':
      return { id, ratio: numberOf(parameters, 'ratio') }
    case 'printer-consolidation':
      return { id, share: numberOf(parameters, 'share') }
    case 'cloud-region':
      return {
        id,
        country: parameters.get('country') as string,
        categories: categoriesOf(parameters, 'categories'),
      }
  }
}

/** Parses lever texts from the command line; every problem is reported in `errors`, valid levers in order. */
export function parseLevers(texts: string[]): { levers: Lever[]; errors: string[] } {
  const levers: Lever[] = []
  const errors: string[] = []
  for (const raw of texts) {
    const text = raw.trim()
    const separator = text.indexOf(':')
    const id = (separator < 0 ? text : text.slice(0, separator)).trim()
    const parameterText = separator < 0 ? '' : text.slice(separator + 1).trim()
    if (!isLeverId(id)) {
      errors.push(`unknown lever "${id}" (levers: ${LEVER_IDS.join(', ')})`)
      continue
    }
    const spec = leverSpecOf(id)
    const parameters = parseParameters(spec, parameterText, errors)
    if (parameters === null) continue
    const givenNames =
      parameterText === ''
        ? []
        : parameterText.split(',').map((pair) => pair.slice(0, pair.indexOf('=')).trim())
    const lever = buildLever(id, parameters, givenNames, errors)
    if (lever !== null) levers.push(lever)
  }
  return { levers, errors }
}
