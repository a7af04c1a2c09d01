import type { CategoryId, PhaseId } from '../inventory/categories.js'

/** Criterion ids with their unit. Climate change first; others where the referential has them. */
export const CRITERIA = {
  'climate-change': { unit: 'kgCO2e', label: 'Climate change' },
  'water-use': { unit: 'L', label: 'Water use' },
  'resource-use-minerals-metals': { unit: 'kg Sb eq', label: 'Resource use, minerals and metals' },
  'primary-energy': { unit: 'MJ', label: 'Primary energy' },
  // EF 3.0 indicators of the NumEcoEval / G4IT electricity mixes, units as the EF 3.0 method states them.
  'particulate-matter': { unit: 'disease incidence', label: 'Particulate matter' },
  'ionising-radiation': { unit: 'kBq U-235 eq', label: 'Ionising radiation' },
  acidification: { unit: 'mol H+ eq', label: 'Acidification' },
  'ozone-depletion': { unit: 'kg CFC-11 eq', label: 'Ozone depletion' },
  'photochemical-ozone-formation': { unit: 'kg NMVOC eq', label: 'Photochemical ozone formation' },
  'eutrophication-freshwater': { unit: 'kg P eq', label: 'Eutrophication, freshwater' },
  'eutrophication-marine': { unit: 'kg N eq', label: 'Eutrophication, marine' },
  'eutrophication-terrestrial': { unit: 'mol N eq', label: 'Eutrophication, terrestrial' },
  'resource-use-fossils': { unit: 'MJ', label: 'Resource use, fossils' },
} as const
export type CriterionId = keyof typeof CRITERIA

/** A sourced value: every figure the product shows can say where it comes from. */
export type Factor = {
  id: string
  value: number
  unit: string
  source: string
  /** True when no open figure exists and the value is an engineering placeholder. */
  isPlaceholder?: boolean
  note?: string
}

/** Embodied factors of one reference item for one criterion, per embodied phase (whole life, per unit). */
export type EmbodiedFactors = {
  manufacturing: Factor
  distribution: Factor
  'end-of-life': Factor
}

export type ReferenceItem = {
  id: string
  label: string
  category: CategoryId
  embodied: Partial<Record<CriterionId, EmbodiedFactors>>
  /** Typical annual electricity of one unit, kWh per year, with its assumption. */
  annualKwh: Factor
  /** Power when on, W: with measured powered hours (telemetry) it replaces the annual profile. */
  powerWatts?: Factor
  lifetimeYears: Factor
}

/** Electricity impact per kWh for one country, per criterion. */
export type ElectricityMix = {
  country: string
  factors: Partial<Record<CriterionId, Factor>>
}

export type Hypotheses = {
  defaultPue: Factor
  defaultLifetimeYears: Factor
  minimumLifetimeYears: Factor
  companyUtilisationRate: Factor
  personalUtilisationRate: Factor
  defaultCountry: string
}

/**
 * A versioned factor set. A footprint result records `id@version` so it can be reproduced.
 * `defaultItemByCategory` is the NumEcoEval "refItemParDefaut" fallback (impact source TYPE);
 * `matching` maps a normalised model text to a reference item (impact source MODEL).
 */
export type Referential = {
  id: string
  version: string
  description: string
  items: ReadonlyMap<string, ReferenceItem>
  defaultItemByCategory: Readonly<Record<CategoryId, string>>
  matching: ReadonlyMap<string, string>
  electricity: ReadonlyMap<string, ElectricityMix>
  /**
   * Climate-change factors of the electricity mix by country and year: `selectElectricityYear` puts the
   * campaign year's figure in `electricity` (absent: the mixes hold one figure whatever the year).
   */
  climateElectricityByYear?: ReadonlyMap<string, ReadonlyMap<number, Factor>>
  hypotheses: Hypotheses
}

export type { PhaseId }
