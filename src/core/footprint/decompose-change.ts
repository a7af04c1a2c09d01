/**
 * Change of a footprint between two campaigns A (before) and B (after), split into what the inventory changed
 * and what the factors changed (docs/methodology/accounting-views.md#diff):
 *   X               = B's inventory computed with A's factors
 *   inventoryEffect = X − A
 *   factorEffect    = B − X
 *   change          = B − A = inventoryEffect + factorEffect
 */

export const CHANGE_FORMULA =
  'inventoryEffect = B inventory × A factors − A; factorEffect = B − B inventory × A factors; change = B − A'

/** One row of a decomposed change, in kgCO2e/yr (or the unit of the values given). */
export type ChangeRow = {
  key: string
  before: number
  /** B's inventory with A's factors. */
  afterInventoryBeforeFactors: number
  after: number
  inventoryEffect: number
  factorEffect: number
  change: number
}

/**
 * Decomposes the change per key; a key missing from one side counts 0 there. Rows come sorted by key, then a
 * "total" row sums them.
 */
export function decomposeChange(
  before: ReadonlyMap<string, number>,
  afterInventoryBeforeFactors: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): { rows: ChangeRow[]; total: ChangeRow } {
  const keys = [...new Set([...before.keys(), ...afterInventoryBeforeFactors.keys(), ...after.keys()])].sort()
  const rowOf = (key: string, a: number, x: number, b: number): ChangeRow => ({
    key,
    before: a,
    afterInventoryBeforeFactors: x,
    after: b,
    inventoryEffect: x - a,
    factorEffect: b - x,
    change: b - a,
  })
  const rows = keys.map((key) =>
    rowOf(key, before.get(key) ?? 0, afterInventoryBeforeFactors.get(key) ?? 0, after.get(key) ?? 0),
  )
  const sum = (pick: (row: ChangeRow) => number): number => rows.reduce((total, row) => total + pick(row), 0)
  return {
    rows,
    total: rowOf(
      'total',
      sum((row) => row.before),
      sum((row) => row.afterInventoryBeforeFactors),
      sum((row) => row.after),
    ),
  }
}
