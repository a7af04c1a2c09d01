import { ASSET_FIELDS, type AssetField } from '../core/inventory/asset.js'
import { isoDateOf } from '../core/inventory/day-number.js'
import {
  findOutliers,
  type Outlier,
  type OutlierInput,
  type OutlierKind,
  type OutlierRuleId,
} from '../core/quality/outlier-rules.js'
import { qualityScore, type QualityMetrics } from '../core/quality/quality-score.js'
import type { Referential } from '../core/referential/referential.js'
import { resolveCampaign } from './campaigns.js'
import { actorScope, isPathVisible, resolveReadPerimeter } from './access.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import type {
  Campaign,
  Deps,
  DuplicateCounts,
  FindingReasonCount,
  ImportRecord,
  QualityCell,
  QuarantinedRow,
} from './ports.js'

const PATH_SEPARATOR = ' > '

/** Assets of a perimeter with at least one outlier, in all and per kind. */
export type OutlierCounts = Record<OutlierKind, number> & { assets: number }

/** The quality figures of one perimeter (a source, an organisation or subtree, the campaign). */
export type PerimeterQuality = {
  assets: number
  /** Per canonical field: share 0–1 of the assets where the source gave the value (not empty, not imputed). */
  completeness: Record<AssetField, number>
  /** Per canonical field: assets where the value was imputed (filled with a default). */
  imputed: Record<AssetField, number>
  imputedAssets: number
  duplicates: DuplicateCounts
  outliers: OutlierCounts
  /** Reference item of the footprint: matched to the asset's model, or the category's default. */
  matched: { byModel: number; byCategoryDefault: number; modelShare: number }
  /** 0–100, docs/formats.md#quality-score. */
  score: number
}

export type ReasonCount = { code: string; column: string | null; rows: number }

export type SourceQuality = PerimeterQuality & {
  importId: number
  fileName: string
  format: string
  kind: string
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
  /** Quarantined rows by reason (distinct lines per rejection code and column). */
  quarantinedByReason: ReasonCount[]
  /** Warnings by reason (distinct lines, accepted or quarantined). */
  warningsByReason: ReasonCount[]
}

/** One flagged value, with where to fix it. Values in the field's unit; dates as ISO text as well. */
export type OutlierListing = {
  assetId: number
  importId: number
  fileName: string
  line: number
  organisation: string
  serial: string | null
  hostname: string | null
  field: AssetField
  rule: OutlierRuleId
  kind: OutlierKind
  value: number
  expectedMin: number | null
  expectedMax: number | null
  unit: 'kWh/yr' | 'date' | 'years' | 'units'
  /** Human forms: "2031-03-01", "120 kWh/yr"; the range as "≤ 2025-12-31", "10 – 250 kWh/yr". */
  valueText: string
  expectedText: string
}

export type QualityReport = {
  campaign: number
  referential: string
  organisation: string | null
  /** Organisations rolled up to this depth of the tree; null = each organisation with its own assets. */
  depth: number | null
  /** Score 0–100 of the perimeter (see src/core/quality/quality-score.ts). */
  score: number
  total: PerimeterQuality
  sources: SourceQuality[]
  organisations: (PerimeterQuality & { organisation: string })[]
  outliers: { total: number; byRule: Partial<Record<OutlierRuleId, number>>; items: OutlierListing[] }
  quarantineSample: (QuarantinedRow & { fileName: string })[]
  totals: { rowsRead: number; rowsAccepted: number; rowsQuarantined: number; rowsImputed: number }
}

export type QualityReportInput = {
  campaignYear: number | null
  /** Quarantined rows to include. */
  sample: number
  organisation?: string | null
  depth?: number | null
  /** Outliers to list (id, file, line, field, value, expected range). */
  outlierLimit?: number
}

/** Counts of one cell plus its outliers, before shares and scores. */
type CellCounts = Omit<QualityCell, 'importId' | 'organisation'> & { outliers: OutlierCounts }

function emptyFieldCounts(): Record<AssetField, number> {
  return Object.fromEntries(ASSET_FIELDS.map((field) => [field, 0])) as Record<AssetField, number>
}

function emptyOutlierCounts(): OutlierCounts {
  return { assets: 0, power: 0, 'future-date': 0, lifetime: 0, quantity: 0 }
}

function emptyCounts(): CellCounts {
  return {
    assets: 0,
    present: emptyFieldCounts(),
    imputed: emptyFieldCounts(),
    imputedAssets: 0,
    duplicates: { serial: 0, serialWithinSource: 0, serialAcrossSources: 0, hostname: 0 },
    matchedByModel: 0,
    matchedByCategoryDefault: 0,
    outliers: emptyOutlierCounts(),
  }
}

/** Adds `part` into `sum` (every figure is a count of assets). */
function addCounts(sum: CellCounts, part: CellCounts): void {
  sum.assets += part.assets
  sum.imputedAssets += part.imputedAssets
  sum.matchedByModel += part.matchedByModel
  sum.matchedByCategoryDefault += part.matchedByCategoryDefault
  for (const field of ASSET_FIELDS) {
    sum.present[field] += part.present[field]
    sum.imputed[field] += part.imputed[field]
  }
  for (const key of Object.keys(sum.duplicates) as (keyof DuplicateCounts)[])
    sum.duplicates[key] += part.duplicates[key]
  for (const key of Object.keys(sum.outliers) as (keyof OutlierCounts)[])
    sum.outliers[key] += part.outliers[key]
}

/** The score's inputs (src/core/quality/quality-score.ts): implausible = assets with at least one outlier. */
function metricsOf(counts: CellCounts): QualityMetrics {
  const share = (count: number): number => (counts.assets === 0 ? 0 : count / counts.assets)
  return {
    assets: counts.assets,
    serialCompleteness: share(counts.present.serial),
    purchaseDateCompleteness: share(counts.present.purchaseDate),
    modelCompleteness: share(counts.present.model),
    imputedAssets: counts.imputedAssets,
    duplicateSerialAssets: counts.duplicates.serial,
    implausibleAssets: counts.outliers.assets,
  }
}

function toPerimeter(counts: CellCounts): PerimeterQuality {
  const share = (count: number): number => (counts.assets === 0 ? 0 : count / counts.assets)
  const matchedAssets = counts.matchedByModel + counts.matchedByCategoryDefault
  return {
    assets: counts.assets,
    completeness: Object.fromEntries(
      ASSET_FIELDS.map((field) => [field, share(counts.present[field])]),
    ) as Record<AssetField, number>,
    imputed: counts.imputed,
    imputedAssets: counts.imputedAssets,
    duplicates: counts.duplicates,
    outliers: counts.outliers,
    matched: {
      byModel: counts.matchedByModel,
      byCategoryDefault: counts.matchedByCategoryDefault,
      modelShare: matchedAssets === 0 ? 0 : counts.matchedByModel / matchedAssets,
    },
    score: qualityScore(metricsOf(counts)),
  }
}

const cellKey = (importId: number, organisation: string): string => `${importId}\u0000${organisation}`

function isInSubtree(organisation: string, root: string | null): boolean {
  return root === null || organisation === root || organisation.startsWith(root + PATH_SEPARATOR)
}

/** Typical yearly kWh of one unit per reference item id, for the power rule. */
function typicalKwhLookup(referential: Referential): (itemId: string | null) => number | null {
  return (itemId) => (itemId === null ? null : (referential.items.get(itemId)?.annualKwh.value ?? null))
}

const KIND_UNITS: Record<OutlierKind, OutlierListing['unit']> = {
  power: 'kWh/yr',
  'future-date': 'date',
  lifetime: 'years',
  quantity: 'units',
}

function unitOf(outlier: Outlier): OutlierListing['unit'] {
  return outlier.field === 'purchaseDate' && outlier.rule === 'purchase-after-reference'
    ? 'date'
    : KIND_UNITS[outlier.kind]
}

function formatValue(value: number, unit: OutlierListing['unit']): string {
  if (unit === 'date') return isoDateOf(value)
  const rounded = Math.round(value * 100) / 100
  return unit === 'units' ? String(rounded) : `${rounded} ${unit}`
}

function formatRange(min: number | null, max: number | null, unit: OutlierListing['unit']): string {
  if (min !== null && max !== null) {
    const suffix = unit === 'date' || unit === 'units' ? '' : ` ${unit}`
    const bare = (value: number): string =>
      unit === 'date' ? isoDateOf(value) : String(Math.round(value * 100) / 100)
    return `${bare(min)} – ${bare(max)}${suffix}`
  }
  if (max !== null) return `≤ ${formatValue(max, unit)}`
  if (min !== null) return `≥ ${formatValue(min, unit)}`
  return ''
}

type OutlierScan = {
  byCell: Map<string, OutlierCounts>
  byRule: Partial<Record<OutlierRuleId, number>>
  total: number
  items: Omit<OutlierListing, 'fileName'>[]
}

/** Streams every asset through the core outlier rules: counts per cell and kind, the first `limit` listed. */
async function scanOutliers(
  deps: Deps,
  campaign: Campaign,
  referential: Referential,
  input: { organisationRoot: string | null; limit: number },
): Promise<OutlierScan> {
  const typicalKwh = typicalKwhLookup(referential)
  const scan: OutlierScan = { byCell: new Map(), byRule: {}, total: 0, items: [] }
  const row: OutlierInput = {
    category: 'other',
    quantity: 1,
    purchaseDay: null,
    lifetimeYears: null,
    annualKwh: null,
    typicalAnnualKwh: null,
  }
  for await (const batch of deps.store.readQualityRows(campaign.id)) {
    for (let index = 0; index < batch.length; index++) {
      row.category = batch.category(index)
      row.quantity = batch.quantity(index)
      row.purchaseDay = batch.purchaseDay(index)
      row.lifetimeYears = batch.lifetimeYears(index)
      row.annualKwh = batch.annualKwh(index)
      // A source row merged into a reconciled asset may carry a model the compute pass did not resolve (it read
      // the reconciled row): its category's default item gives the typical value then.
      row.typicalAnnualKwh = typicalKwh(
        batch.referenceItem(index) ?? referential.defaultItemByCategory[row.category] ?? null,
      )
      const found = findOutliers(row, campaign.referenceDay)
      if (found.length === 0) continue
      const organisation = batch.organisation(index)
      const key = cellKey(batch.importId(index), organisation)
      let counts = scan.byCell.get(key)
      if (!counts) scan.byCell.set(key, (counts = emptyOutlierCounts()))
      counts.assets += 1
      for (const kind of new Set(found.map((outlier) => outlier.kind))) counts[kind] += 1
      if (!isInSubtree(organisation, input.organisationRoot)) continue
      for (const outlier of found) {
        scan.byRule[outlier.rule] = (scan.byRule[outlier.rule] ?? 0) + 1
        scan.total += 1
        if (scan.items.length >= input.limit) continue
        const unit = unitOf(outlier)
        scan.items.push({
          assetId: batch.assetId(index),
          importId: batch.importId(index),
          line: batch.line(index),
          organisation,
          serial: batch.serial(index),
          hostname: batch.hostname(index),
          field: outlier.field,
          rule: outlier.rule,
          kind: outlier.kind,
          value: outlier.value,
          expectedMin: outlier.expectedMin,
          expectedMax: outlier.expectedMax,
          unit,
          valueText: formatValue(outlier.value, unit),
          expectedText: formatRange(outlier.expectedMin, outlier.expectedMax, unit),
        })
      }
    }
  }
  return scan
}

/** The cells of the perimeter with their outlier counts. */
function withOutliers(
  cells: readonly QualityCell[],
  scan: OutlierScan,
  organisationRoot: string | null,
): (CellCounts & { importId: number; organisation: string })[] {
  return cells
    .filter((cell) => isInSubtree(cell.organisation, organisationRoot))
    .map((cell) => ({
      ...cell,
      outliers: scan.byCell.get(cellKey(cell.importId, cell.organisation)) ?? emptyOutlierCounts(),
    }))
}

/** Sums cells into groups named by `keyOf`, in first-seen order. */
function rollUp<Cell extends CellCounts>(
  cells: readonly Cell[],
  keyOf: (cell: Cell) => string,
): Map<string, CellCounts> {
  const groups = new Map<string, CellCounts>()
  for (const cell of cells) {
    const key = keyOf(cell)
    let sum = groups.get(key)
    if (!sum) groups.set(key, (sum = emptyCounts()))
    addCounts(sum, cell)
  }
  return groups
}

function reasonsOf(
  reasons: readonly FindingReasonCount[],
  importId: number,
  severity: FindingReasonCount['severity'],
): ReasonCount[] {
  return reasons
    .filter((reason) => reason.importId === importId && reason.severity === severity)
    .map(({ code, column, rows }) => ({ code, column, rows }))
}

function toSource(
  record: ImportRecord,
  counts: CellCounts,
  reasons: readonly FindingReasonCount[],
): SourceQuality {
  return {
    importId: record.id,
    fileName: record.fileName,
    format: record.format,
    kind: record.kind,
    rowsRead: record.rowsRead,
    rowsAccepted: record.rowsAccepted,
    rowsQuarantined: record.rowsQuarantined,
    rowsImputed: record.rowsImputed,
    quarantinedByReason: reasonsOf(reasons, record.id, 'rejected'),
    warningsByReason: reasonsOf(reasons, record.id, 'warning'),
    ...toPerimeter(counts),
  }
}

/**
 * Data-quality report of a campaign, per source and per organisation: completeness and imputed values of each
 * canonical field, duplicates, outliers (core rules), share of assets matched to their model, quarantined rows
 * by reason, and the score. Computes the footprint first when it is stale (the matched share and the power
 * rule read the reference item of each asset).
 * @example await qualityReport(deps, { campaignYear: 2025, sample: 50, depth: 2, outlierLimit: 100 })
 */
export async function qualityReport(deps: Deps, input: QualityReportInput): Promise<QualityReport> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const computed = await computeCampaignFootprint(deps, { campaign })
  const referential = await deps.referential.load()
  // The organisation named (within the actor's perimeter), else the actor's perimeter, else the whole tree.
  const organisationPath = await resolveReadPerimeter(deps, input.organisation ?? null)
  const organisationRoot = organisationPath ? organisationPath.join(PATH_SEPARATOR) : null
  const depth = input.depth ?? null
  const [imports, cells, reasons, quarantineSample, scan] = await Promise.all([
    deps.store.listImports(campaign.id),
    deps.store.qualityCells(campaign.id),
    deps.store.findingReasons(campaign.id),
    deps.store.quarantine(campaign.id, input.sample),
    scanOutliers(deps, campaign, referential, { organisationRoot, limit: input.outlierLimit ?? 0 }),
  ])
  const perimeterCells = withOutliers(cells, scan, organisationRoot)
  const bySource = rollUp(perimeterCells, (cell) => String(cell.importId))
  const byOrganisation = rollUp(perimeterCells, (cell) =>
    depth === null
      ? cell.organisation
      : cell.organisation.split(PATH_SEPARATOR).slice(0, depth).join(PATH_SEPARATOR),
  )
  const total = rollUp(perimeterCells, () => '').get('') ?? emptyCounts()
  // With an organisation, only the sources that brought assets into it are listed.
  const sourceRecords = imports.filter(
    (record) => organisationRoot === null || bySource.has(String(record.id)),
  )
  // An actor limited to a subtree sees quarantined rows of the files imported into it only.
  const visibleSample =
    actorScope(deps) === null ? quarantineSample : visibleQuarantine(deps, imports, quarantineSample)
  const fileNames = new Map(imports.map((record) => [record.id, record.fileName]))
  const totalPerimeter = toPerimeter(total)
  return {
    campaign: campaign.year,
    referential: computed.referential,
    organisation: organisationRoot,
    depth,
    score: totalPerimeter.score,
    total: totalPerimeter,
    sources: sourceRecords.map((record) =>
      toSource(record, bySource.get(String(record.id)) ?? emptyCounts(), reasons),
    ),
    organisations: [...byOrganisation.entries()]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([organisation, counts]) => ({ organisation, ...toPerimeter(counts) })),
    outliers: {
      total: scan.total,
      byRule: scan.byRule,
      items: scan.items.map((item) => ({ ...item, fileName: fileNames.get(item.importId) ?? '' })),
    },
    quarantineSample: visibleSample,
    totals: sumRows(sourceRecords),
  }
}

/**
 * The quarantined rows of files imported into the actor's perimeter: a row is kept when its file name belongs
 * only to imports whose organisation lies within it (rows of files with no organisation are not shown).
 */
function visibleQuarantine<Row extends { fileName: string }>(
  deps: Deps,
  imports: readonly ImportRecord[],
  rows: readonly Row[],
): Row[] {
  const hidden = new Set(
    imports
      .filter((record) => record.organisationPath === null || !isPathVisible(deps, record.organisationPath))
      .map((record) => record.fileName),
  )
  return rows.filter((row) => !hidden.has(row.fileName))
}

function sumRows(records: readonly ImportRecord[]): QualityReport['totals'] {
  const totals = { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, rowsImputed: 0 }
  for (const record of records) {
    totals.rowsRead += record.rowsRead
    totals.rowsAccepted += record.rowsAccepted
    totals.rowsQuarantined += record.rowsQuarantined
    totals.rowsImputed += record.rowsImputed
  }
  return totals
}
