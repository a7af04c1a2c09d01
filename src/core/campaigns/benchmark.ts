/**
 * Benchmarks between comparable organisations (docs/campaigns.md#benchmarks): organisations are comparable
 * when they sit at the same depth of the tree and in the same size band (workstations). Each organisation's
 * climate footprint per workstation is set against the median of its group.
 */

/** Size bands by workstations (laptops, desktops, thin clients), lower bounds included. */
export const SIZE_BANDS = [
  { id: 'under-100', minimum: 0 },
  { id: '100-499', minimum: 100 },
  { id: '500-1999', minimum: 500 },
  { id: '2000-and-more', minimum: 2000 },
] as const
export type SizeBand = (typeof SIZE_BANDS)[number]['id']

/** The band of an organisation with `workstations` workstations. */
export function sizeBandOf(workstations: number): SizeBand {
  let band: SizeBand = SIZE_BANDS[0].id
  for (const candidate of SIZE_BANDS) if (workstations >= candidate.minimum) band = candidate.id
  return band
}

export type BenchmarkInput = { code: string; depth: number; workstations: number; climateKgCo2e: number }

export type BenchmarkRow = {
  code: string
  group: string
  groupSize: number
  /** kgCO2e per year per workstation; null without workstations. */
  kgCo2ePerWorkstation: number | null
  groupMedianKgCo2ePerWorkstation: number | null
  /** (value / median − 1); null when either is unknown or the median is 0. */
  gapToMedian: number | null
  trace: { formula: string; inputs: Record<string, number> }
}

/** The median of a list (mean of the two middle values for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((left, right) => left - right)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Groups the organisations (depth × size band) and compares each to its group's median, in input order. */
export function benchmarkOrganisations(inputs: readonly BenchmarkInput[]): BenchmarkRow[] {
  const perWorkstation = (input: BenchmarkInput): number | null =>
    input.workstations > 0 ? input.climateKgCo2e / input.workstations : null
  const groupOf = (input: BenchmarkInput): string => `depth ${input.depth}, ${sizeBandOf(input.workstations)}`
  const groups = new Map<string, number[]>()
  const sizes = new Map<string, number>()
  for (const input of inputs) {
    const group = groupOf(input)
    sizes.set(group, (sizes.get(group) ?? 0) + 1)
    const value = perWorkstation(input)
    if (value !== null) groups.set(group, [...(groups.get(group) ?? []), value])
  }
  return inputs.map((input) => {
    const group = groupOf(input)
    const value = perWorkstation(input)
    const groupMedian = median(groups.get(group) ?? [])
    return {
      code: input.code,
      group,
      groupSize: sizes.get(group)!,
      kgCo2ePerWorkstation: value,
      groupMedianKgCo2ePerWorkstation: groupMedian,
      gapToMedian:
        value === null || groupMedian === null || groupMedian === 0 ? null : value / groupMedian - 1,
      trace: {
        formula: 'kgCo2ePerWorkstation = climateKgCo2e / workstations; gap = value / median(group) − 1',
        inputs: { climateKgCo2e: input.climateKgCo2e, workstations: input.workstations },
      },
    }
  })
}
