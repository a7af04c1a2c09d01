import { describe, expect, it } from 'vitest'
import { FORMAT_PROFILES, planColumns, type FormatId } from './format-profiles.js'
import { createUnitScanner, decideUnits, fractionOf, yearsOf, type UnitChoices } from './unit-choices.js'

describe('yearsOf and fractionOf', () => {
  it.each([
    [5, 'years', 5],
    // 36 months / 12 = 3 years
    [36, 'months', 3],
    // 730 days / 365 (NumEcoEval's fixed year) = 2 years
    [730, 'days', 2],
  ] as const)('reads %d %s as %d years', (value, unit, expected) => {
    expect(yearsOf(value, unit)).toBe(expected)
  })

  it.each([
    [25, 'percent', false, 0.25],
    [0.5, 'fraction', false, 0.5],
    [40, 'fraction', true, 0.4],
  ] as const)('reads %d in %s (%% sign: %s) as %d', (value, unit, hasPercentSign, expected) => {
    expect(fractionOf(value, unit, hasPercentSign)).toBe(expected)
  })
})

/** Scans `column` cells (line 2 onwards) of a file of format `id` whose header is `header`. */
function scan(id: FormatId, header: string[], column: string, cells: string[]) {
  const profile = FORMAT_PROFILES.find((candidate) => candidate.id === id)
  if (!profile) throw new Error(`no profile ${id}`)
  const scanner = createUnitScanner(planColumns(header, profile))
  const index = header.indexOf(column)
  cells.forEach((cell, offset) => {
    const values = header.map(() => '')
    values[index] = cell
    scanner.add({ line: offset + 2, values })
  })
  return scanner.columns
}

const PHYSICAL = ['nomEquipementPhysique', 'type', 'dureeUsageInterne', 'dureeUsageAmont']
const VIRTUAL = ['nomEquipementVirtuel', 'typeInfrastructure', 'provider', 'chargeMoy']

describe('decideUnits', () => {
  it('asks for the usage-duration unit when dureeUsageInterne holds a value and nothing was chosen', () => {
    const decision = decideUnits(
      scan('numecoeval-physical', PHYSICAL, 'dureeUsageInterne', ['', '48']),
      {},
      {},
    )
    expect(decision.missing).toEqual([
      {
        choice: 'usageDurationUnit',
        column: 'dureeUsageInterne',
        sample: { text: '48', line: 3 },
        option: '--usage-duration-unit',
        values: ['years', 'months', 'days'],
      },
    ])
  })

  it('needs nothing when the ambiguous columns are empty', () => {
    expect(
      decideUnits(scan('numecoeval-physical', PHYSICAL, 'dureeUsageInterne', ['', ' ']), {}, {}),
    ).toEqual({
      units: {},
      recorded: {},
      assumptions: [],
      missing: [],
    })
  })

  it('takes the option given, records it and says so', () => {
    const scans = scan('numecoeval-physical', PHYSICAL, 'dureeUsageInterne', ['48'])
    expect(decideUnits(scans, { usageDurationUnit: 'months' }, { usageDurationUnit: 'years' })).toEqual({
      units: { usageDurationUnit: 'months' },
      recorded: { usageDurationUnit: 'months' },
      assumptions: ['dureeUsageInterne, dureeUsageAmont read in months (--usage-duration-unit months)'],
      missing: [],
    })
  })

  it('reuses the choice an earlier import of the format recorded', () => {
    const scans = scan('numecoeval-physical', PHYSICAL, 'dureeUsageInterne', ['48'])
    const earlier: UnitChoices = { usageDurationUnit: 'months', loadUnit: 'fraction' }
    const decision = decideUnits(scans, {}, earlier)
    expect([decision.units, decision.recorded, decision.assumptions]).toEqual([
      { usageDurationUnit: 'months' },
      { usageDurationUnit: 'months' },
      [
        'dureeUsageInterne, dureeUsageAmont read in months, the unit recorded by an earlier import of this format (--usage-duration-unit changes it)',
      ],
    ])
  })

  it('reads chargeMoy as a percentage when every value is above 1 and at most 100 (not recorded)', () => {
    const decision = decideUnits(scan('g4it-virtual', VIRTUAL, 'chargeMoy', ['25', '', '60', '0']), {}, {})
    expect(decision).toEqual({
      units: { loadUnit: 'percent' },
      recorded: {},
      assumptions: [
        'chargeMoy read as a percentage: every value is above 1 and at most 100 (e.g. "25", line 2)',
      ],
      missing: [],
    })
  })

  it('asks for the load unit as soon as one value could be a fraction, showing that value', () => {
    const decision = decideUnits(scan('g4it-virtual', VIRTUAL, 'chargeMoy', ['25', '0,5', '60']), {}, {})
    expect(decision.missing.map((missing) => [missing.column, missing.sample, missing.option])).toEqual([
      ['chargeMoy', { text: '0,5', line: 3 }, '--load-unit'],
    ])
  })

  it('ignores an option for a column the format does not have', () => {
    const decision = decideUnits(
      scan('g4it-virtual', VIRTUAL, 'chargeMoy', ['']),
      { usageDurationUnit: 'days' },
      {},
    )
    expect(decision.recorded).toEqual({})
  })
})
