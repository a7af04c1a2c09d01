import type { PhaseId } from '../inventory/categories.js'
import type { CriterionId, Factor } from '../referential/referential.js'

/** A named input of a formula, with its unit and where its value came from. */
export type TraceInput = {
  name: string
  value: number | string | null
  unit: string
  /** `override`: a value the user set for the organisation or site (electricity factor). */
  origin: 'inventory' | 'referential' | 'default' | 'computed' | 'override'
  factor?: Factor
  note?: string
}

/** How one phase × criterion figure was obtained. */
export type PhaseTrace = {
  phase: PhaseId
  criterion: CriterionId
  formula: string
  inputs: TraceInput[]
  value: number
  unit: string
}

/** Everything behind one asset's figures: which item, how matched, which defaults. */
export type AssetTrace = {
  referential: string
  referenceItemId: string
  matchedBy: 'model' | 'category-default'
  lifetime: {
    years: number
    method: 'dates' | 'inventory' | 'category-default' | 'global-default'
    note: string
  }
  defaultsAssumed: string[]
  phases: PhaseTrace[]
}
