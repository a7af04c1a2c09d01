/**
 * The `cloud` domain of a campaign's footprint (docs/methodology/cloud.md): every imported cloud usage line
 * (CCF: use + embodied as manufacturing) and provider-reported emissions line (as-is, use phase) becomes a result
 * group of its organisation, computed with the assets and summed by the same breakdowns; the trace of the lines
 * (formulas, factors with their sources, defaults assumed) is summarised in `footprint --json`.
 */
import {
  cloudEmissionsFootprint,
  cloudUsageFootprint,
  type CloudLineFootprint,
} from '../core/cloud/cloud-lines.js'
import type { Factor } from '../core/referential/referential.js'
import type { Campaign, Deps, ResultGroup } from './ports.js'

export type CloudTrace = {
  usageLines: number
  emissionsLines: number
  /** Usage lines that could not be estimated (region or vCPU unknown), with their import and line. */
  notEstimated: { importId: number; line: number }[]
  /** IT energy of the usage lines before PUE, kWh. */
  kwh: number
  climateKgCo2e: { manufacturing: number; use: number; total: number }
  formulas: string[]
  factors: Factor[]
  /** Each default assumed, with the number of lines that assumed it. */
  defaultsAssumed: { assumption: string; lines: number }[]
}

type CloudLine = {
  organisationPath: string[]
  group: Omit<ResultGroup, 'organisationPath' | 'impacts'>
  footprint: CloudLineFootprint | null
  importId: number
  sourceLine: number
}

async function readCloudLines(deps: Deps, campaign: Campaign): Promise<CloudLine[]> {
  const [usage, emissions] = await Promise.all([
    deps.store.inventoryRecords(campaign.id, 'cloud-usage'),
    deps.store.inventoryRecords(campaign.id, 'cloud-emissions'),
  ])
  return [
    ...usage.map((line) => ({
      organisationPath: line.organisationPath,
      group: {
        domain: 'cloud' as const,
        category: 'virtual-machine' as const,
        manufacturer: line.provider,
        model: line.instanceType ?? line.service,
        assets: 0,
        quantity: 0,
        annualKwh: 0,
      },
      footprint: cloudUsageFootprint(line),
      importId: line.importId,
      sourceLine: line.sourceLine,
    })),
    ...emissions.map((line) => ({
      organisationPath: line.organisationPath,
      group: {
        domain: 'cloud' as const,
        category: 'other' as const,
        manufacturer: line.provider,
        model: line.service,
        assets: 0,
        quantity: 0,
        annualKwh: 0,
      },
      footprint: cloudEmissionsFootprint(line),
      importId: line.importId,
      sourceLine: line.sourceLine,
    })),
  ]
}

/** The result groups of the campaign's cloud lines (climate change only), and their fingerprint. */
export async function cloudResultGroups(
  deps: Deps,
  campaign: Campaign,
): Promise<{ groups: ResultGroup[]; signature: string }> {
  const lines = await readCloudLines(deps, campaign)
  const groups: ResultGroup[] = []
  for (const line of lines) {
    if (line.footprint === null) continue
    groups.push({
      ...line.group,
      organisationPath: line.organisationPath,
      annualKwh: line.footprint.kwh,
      impacts: {
        'climate-change': {
          manufacturing: line.footprint.manufacturing,
          distribution: 0,
          use: line.footprint.use,
          'end-of-life': 0,
        },
      },
    })
  }
  return { groups, signature: fingerprint(groups) }
}

/** A short fingerprint of the groups (FNV-1a over their JSON): any change of a cloud line recomputes. */
function fingerprint(groups: readonly ResultGroup[]): string {
  const text = JSON.stringify(groups)
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${hash.toString(16)}:${groups.length}`
}

/** The trace of the cloud lines within a perimeter (null = the whole campaign); null when there are none. */
export async function cloudTrace(
  deps: Deps,
  campaign: Campaign,
  organisationPath: readonly string[] | null,
): Promise<CloudTrace | null> {
  const lines = (await readCloudLines(deps, campaign)).filter(
    (line) =>
      organisationPath === null ||
      organisationPath.every((part, index) => line.organisationPath[index] === part),
  )
  if (lines.length === 0) return null
  const trace: CloudTrace = {
    usageLines: 0,
    emissionsLines: 0,
    notEstimated: [],
    kwh: 0,
    climateKgCo2e: { manufacturing: 0, use: 0, total: 0 },
    formulas: [],
    factors: [],
    defaultsAssumed: [],
  }
  const factors = new Map<string, Factor>()
  const defaults = new Map<string, number>()
  for (const line of lines) {
    if (line.group.category === 'other') trace.emissionsLines++
    else trace.usageLines++
    const footprint = line.footprint
    if (footprint === null) {
      trace.notEstimated.push({ importId: line.importId, line: line.sourceLine })
      continue
    }
    trace.kwh += footprint.kwh
    trace.climateKgCo2e.manufacturing += footprint.manufacturing
    trace.climateKgCo2e.use += footprint.use
    for (const formula of footprint.trace.formulas)
      if (!trace.formulas.includes(formula)) trace.formulas.push(formula)
    for (const input of footprint.trace.inputs)
      if (input.factor && !factors.has(input.factor.id)) factors.set(input.factor.id, input.factor)
    for (const assumption of footprint.trace.defaultsAssumed)
      defaults.set(assumption, (defaults.get(assumption) ?? 0) + 1)
  }
  trace.climateKgCo2e.total = trace.climateKgCo2e.manufacturing + trace.climateKgCo2e.use
  trace.factors = [...factors.values()]
  trace.defaultsAssumed = [...defaults].map(([assumption, count]) => ({ assumption, lines: count }))
  return trace
}
