/**
 * "People equivalent" normalisation (docs/methodology/multi-criteria.md#normalisation), as G4IT does it:
 *   personEquivalents = impact per year / individual sustainable package per year
 *   package = planetary boundary (JRC, Consumption and Consumer Footprint, 2019) / world population (8e9)
 * Packages from the NumEcoEval / G4IT file ref_sustainable_individual_package.csv (Apache-2.0).
 * Water use is left out: that file repeats the minerals-and-metals row for it (219,000,000 / 0.027375).
 */
import { CRITERIA, type CriterionId, type Factor } from './referential.js'

const SOURCE =
  'JRC, Consumption and Consumer Footprint: methodology and results (2019), planetary boundary / 8e9 people, ' +
  'via NumEcoEval / G4IT ref_sustainable_individual_package.csv (Apache-2.0)'

const PACKAGES: Partial<Record<CriterionId, number>> = {
  'climate-change': 851.25,
  'particulate-matter': 0.0000645,
  'ionising-radiation': 65875,
  acidification: 125,
  'resource-use-minerals-metals': 0.027375,
  'ozone-depletion': 0.0674,
  'photochemical-ozone-formation': 50.9,
  'eutrophication-terrestrial': 766,
  'eutrophication-freshwater': 0.726,
  'eutrophication-marine': 25.2,
  'resource-use-fossils': 28000,
}

/** The individual sustainable package of a criterion, per person and year, or undefined when none is published. */
export function personPackageOf(criterion: CriterionId): Factor | undefined {
  const value = PACKAGES[criterion]
  if (value === undefined) return undefined
  return {
    id: `person-equivalent/${criterion}`,
    value,
    unit: `${CRITERIA[criterion].unit}/person/yr`,
    source: SOURCE,
  }
}

export const PERSON_EQUIVALENT_FORMULA = 'impact per year / individual sustainable package per year'

export type PersonEquivalent = {
  criterion: CriterionId
  impact: number
  unit: string
  personEquivalents: number
  formula: string
  package: Factor
}

/** Each criterion of `totals` (annual impacts in the criterion's unit) in person-equivalents, where a package exists. */
export function toPersonEquivalents(totals: Partial<Record<CriterionId, number>>): PersonEquivalent[] {
  const result: PersonEquivalent[] = []
  for (const criterion of Object.keys(CRITERIA) as CriterionId[]) {
    const impact = totals[criterion]
    const pack = personPackageOf(criterion)
    if (impact === undefined || pack === undefined) continue
    result.push({
      criterion,
      impact,
      unit: `${CRITERIA[criterion].unit}/yr`,
      personEquivalents: impact / pack.value,
      formula: PERSON_EQUIVALENT_FORMULA,
      package: pack,
    })
  }
  return result
}
