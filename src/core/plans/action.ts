/**
 * Action plans: a lever taken on by an owner for a perimeter from a start day, with its status.
 * Expected gain: the scenario engine; measured gain: measure-action-progress.ts. See docs/action-plans.md.
 */
import type { DayNumber } from '../inventory/asset.js'
import type { Perimeter } from '../scenarios/perimeter.js'

export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'cancelled'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export type PlanAction = {
  id: number
  /** Canonical lever text (`formatLever`). */
  lever: string
  perimeter: Perimeter
  owner: string
  /** Days since 1970-01-01 (UTC). */
  startDay: DayNumber
  status: ActionStatus
  note: string | null
  updatedAt: string
}

export type NewAction = Omit<PlanAction, 'id' | 'updatedAt'>

/** Reads `YYYY-MM-DD` as a day number; null when it is not a real calendar date. */
export function parseIsoDay(text: string): DayNumber | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const time = Date.UTC(year, month - 1, day)
  const date = new Date(time)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null
  return time / 86_400_000
}

/** Writes a day number as `YYYY-MM-DD`. */
export function formatIsoDay(day: DayNumber): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}
