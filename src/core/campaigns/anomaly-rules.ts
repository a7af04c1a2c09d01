/**
 * Anomalies of one organisation's collected data against its previous campaign and plausibility bounds
 * (docs/campaigns.md#anomalies). Findings are data, each with the figures and the threshold that fired.
 *
 * The thresholds are empreinte defaults, not published benchmarks: they flag what a national analyst
 * should look at before validating, and are documented so they can be argued with.
 */

/** A fleet that grew or shrank by more than this share since the previous campaign. */
export const FLEET_CHANGE_THRESHOLD = 0.2
/** More than this share of units whose model matched no reference item (category default used). */
export const UNMATCHED_SHARE_THRESHOLD = 0.3
/**
 * Plausible workstations (laptops, desktops, thin clients) per employee: below 0.8 suggests a missing
 * inventory file; above 2.0 suggests duplicates or retired equipment still listed.
 */
export const WORKSTATIONS_PER_EMPLOYEE_RANGE = { minimum: 0.8, maximum: 2.0 } as const

export type AnomalyCode = 'fleet-change' | 'unmatched-models' | 'workstations-per-employee'

export type Anomaly = {
  code: AnomalyCode
  message: string
  /** The measured value: a share (fleet change, unmatched) or workstations per employee. */
  value: number
  unit: 'share' | 'workstations/employee'
  threshold: string
}

export type AnomalyFacts = {
  /** Units of the organisation in this campaign (reconciled view). */
  units: number
  /** Units in the previous campaign; null when there is none or the organisation was not in it. */
  previousUnits: number | null
  /** Units whose model resolved to a category default; null before any footprint computation. */
  unmatchedUnits: number | null
  workstationUnits: number
  /** Employees; null when unknown. */
  headcount: number | null
}

const percent = (share: number): string => `${Math.round(share * 1000) / 10} %`

/** The anomalies of one organisation, in a fixed order (fleet, models, workstations per employee). */
export function detectAnomalies(facts: AnomalyFacts): Anomaly[] {
  const anomalies: Anomaly[] = []
  if (facts.previousUnits !== null && facts.previousUnits > 0 && facts.units > 0) {
    // change = units / previousUnits − 1
    const change = facts.units / facts.previousUnits - 1
    if (Math.abs(change) > FLEET_CHANGE_THRESHOLD) {
      anomalies.push({
        code: 'fleet-change',
        message: `fleet ${change > 0 ? 'up' : 'down'} ${percent(Math.abs(change))} since the previous campaign (${facts.previousUnits} → ${facts.units} units)`,
        value: change,
        unit: 'share',
        threshold: `±${percent(FLEET_CHANGE_THRESHOLD)}`,
      })
    }
  }
  if (facts.unmatchedUnits !== null && facts.units > 0) {
    const share = facts.unmatchedUnits / facts.units
    if (share > UNMATCHED_SHARE_THRESHOLD) {
      anomalies.push({
        code: 'unmatched-models',
        message: `${percent(share)} of units have a model matched to no reference item (category default used)`,
        value: share,
        unit: 'share',
        threshold: `≤ ${percent(UNMATCHED_SHARE_THRESHOLD)}`,
      })
    }
  }
  if (facts.headcount !== null && facts.headcount > 0 && facts.units > 0) {
    const perEmployee = facts.workstationUnits / facts.headcount
    const { minimum, maximum } = WORKSTATIONS_PER_EMPLOYEE_RANGE
    if (perEmployee < minimum || perEmployee > maximum) {
      anomalies.push({
        code: 'workstations-per-employee',
        message: `${Math.round(perEmployee * 100) / 100} workstations per employee (${facts.workstationUnits} for ${facts.headcount} employees)`,
        value: perEmployee,
        unit: 'workstations/employee',
        threshold: `${minimum}–${maximum}`,
      })
    }
  }
  return anomalies
}
