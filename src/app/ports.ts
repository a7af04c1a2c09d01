/**
 * Ports: what the use cases need from the outside world. `src/io` and `src/store` implement them;
 * `src/main.ts` wires the implementations. Nothing here knows about DuckDB, files or HTTP.
 */
import type { Asset, Datacenter, DayNumber } from '../core/inventory/asset.js'
import type { AssetColumns } from '../core/inventory/asset-columns.js'
import type { NormalisedBatch } from '../core/inventory/normalise-batch.js'
import type { NormaliseOptions } from '../core/inventory/normalise-row.js'
import type { FormatId } from '../core/formats/format-profiles.js'
import type { CategoryId, DomainId, PhaseId } from '../core/inventory/categories.js'
import type { Finding } from '../core/quality/finding.js'
import type { CriterionId, Referential } from '../core/referential/referential.js'
import type { AssetFootprint, FootprintInput } from '../core/footprint/compute-footprint.js'

/** One row as read from a file, before any interpretation. */
export type RawRow = {
  line: number
  values: string[]
  problem?: { code: string; message: string }
}

/** A delimited file opened for streaming, with what was detected about it. */
export type RawTable = {
  file: string
  encoding: string
  delimiter: string
  headerLine: number
  header: string[]
  bytes: number
  problem?: { code: string; message: string }
  batches: AsyncIterable<RawRow[]>
}

/** A table to write as a real file (demo files, exports, quarantine files). */
export type TableToWrite = {
  header: string[]
  rows: Iterable<string[]>
  delimiter: string
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252'
}

export type Files = {
  readTable(path: string, options?: { isHeader?: (cells: string[]) => boolean }): Promise<RawTable>
  /** Opens every worksheet of an XLSX workbook as a table. */
  readWorkbook(
    path: string,
    options?: { isHeader?: (cells: string[]) => boolean },
  ): Promise<(RawTable & { sheet: string })[]>
  /** Streams the file's rows through the core normaliser (in a worker thread for large files). */
  normaliseRows(
    path: string,
    job: { formatId: FormatId; options: NormaliseOptions; bytes: number },
  ): AsyncIterable<NormalisedBatch>
  writeTable(path: string, table: TableToWrite): Promise<void>
  checksum(path: string): Promise<string>
  baseName(path: string): string
  join(...parts: string[]): string
  ensureDirectory(path: string): Promise<void>
}

export type Campaign = { id: number; year: number; referenceDay: DayNumber }

export type ImportRecord = {
  id: number
  campaignId: number
  fileName: string
  format: string
  kind: string
  checksum: string
  encoding: string
  delimiter: string
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
  organisationPath: string[] | null
}

export type NewImport = Omit<
  ImportRecord,
  'id' | 'rowsRead' | 'rowsAccepted' | 'rowsQuarantined' | 'rowsImputed'
> & {
  /** The table's header as read, to write quarantined rows back in the same format. */
  header?: string[]
}

/** The quarantined rows of one import, with what is needed to write them back as the source wrote them. */
export type QuarantineExport = {
  importId: number
  fileName: string
  encoding: string
  delimiter: string
  header: string[]
  rows: { line: number; raw: string[]; reasons: string[] }[]
}

export type QuarantinedRow = { line: number; raw: string[]; findings: Finding[] }

/** Writes one import inside a single transaction: it lands whole on `commit`, or not at all. */
export type ImportWriter = {
  addAssets(assets: AssetColumns): Promise<void>
  addDatacenters(datacenters: readonly Datacenter[]): Promise<void>
  addQuarantine(rows: readonly QuarantinedRow[]): Promise<void>
  addFindings(findings: readonly Finding[]): Promise<void>
  commit(counts: {
    rowsRead: number
    rowsAccepted: number
    rowsQuarantined: number
    rowsImputed: number
  }): Promise<ImportRecord>
  rollback(): Promise<void>
}

/**
 * A batch of assets to compute, kept column by column by the store: `fill` copies row `index` into a
 * reusable input object, so a million assets do not become a million objects.
 */
export type ComputeBatch = {
  length: number
  assetId(index: number): number
  /** The asset's organisation path, joined with " > ". */
  organisation(index: number): string
  fill(index: number, input: FootprintInput): void
}

/** Receives the computed footprint of each row of the batches that `readComputeRows` produced. */
export type ResultWriter = {
  add(batch: ComputeBatch, index: number, footprint: AssetFootprint): void
  flush(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
}

export type BreakdownDimension = 'organisation' | 'domain' | 'category' | 'phase' | 'site' | 'criterion'

export type BreakdownRow = {
  keys: Partial<Record<BreakdownDimension, string>>
  quantity: number
  assets: number
  values: Partial<Record<CriterionId, number>>
}

export type FootprintSummary = {
  totals: Partial<Record<CriterionId, number>>
  assets: number
  quantity: number
  annualKwh: number
  breakdown: BreakdownRow[]
}

export type StoredAsset = Asset & {
  id: number
  campaignId: number
  importId: number
  fileName: string
  domain: DomainId
  /** Measured by telemetry, extrapolated to a year; null without telemetry. */
  poweredHoursPerYear: number | null
}

export type QualityBySource = {
  importId: number
  fileName: string
  format: string
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
  reasons: { code: string; column: string | null; rows: number }[]
}

export type QualityByOrganisation = {
  organisation: string
  assets: number
  imputedAssets: number
  quarantinedRows: number
  fieldCompleteness: Record<string, number>
  /** Assets whose serial number appears more than once in the campaign. */
  duplicateSerialAssets: number
  /** Purchase date after the campaign's reference date. */
  futurePurchaseAssets: number
  /** More than 15 years between purchase and the reference date. */
  overFifteenYearsAssets: number
}

export type ComputationState = { referential: string; computedRevision: number; assetsRevision: number }

/** A telemetry file to bulk-load: which columns hold what, and how the text is written. */
export type TelemetrySource = {
  file: string
  headerLine: number
  delimiter: string
  decimalSeparator: '.' | ','
  columns: { day: string; device: string; poweredHours: string; activeHours: string | null }
}

export type TelemetryImportResult = ImportRecord & { devicesMatched: number; devicesUnmatched: number }

export type UsageBySite = {
  organisation: string
  site: string | null
  devices: number
  poweredHoursPerYear: number
  activeHoursPerYear: number | null
  idleHoursPerYear: number | null
}

/** Everything the use cases need from the workspace database. */
export type WorkspaceStore = {
  engine: string
  ensureCampaign(year: number, referenceDay: DayNumber): Promise<Campaign>
  latestCampaign(): Promise<Campaign | null>
  findCampaign(year: number): Promise<Campaign | null>
  findImportByChecksum(campaignId: number, checksum: string): Promise<ImportRecord | null>
  listImports(campaignId: number): Promise<ImportRecord[]>
  beginImport(meta: NewImport): Promise<ImportWriter>
  computationState(campaignId: number): Promise<ComputationState | null>
  /** Streams every asset of the campaign with its datacenter PUE resolved (undefined = not hosted). */
  readComputeRows(campaignId: number): AsyncIterable<ComputeBatch>
  beginResults(campaignId: number, referential: string): Promise<ResultWriter>
  footprint(
    campaignId: number,
    by: readonly BreakdownDimension[],
    filter?: { organisationPath?: string[] },
  ): Promise<FootprintSummary>
  getAsset(campaignId: number, key: string): Promise<StoredAsset | null>
  /** PUE of a datacenter of the campaign: a number, null when its PUE is unknown, undefined when no such datacenter. */
  datacenterPue(campaignId: number, shortName: string): Promise<number | null | undefined>
  /** Organisation paths whose full path or own name equals `text` (case-insensitive). */
  findOrganisations(text: string): Promise<string[][]>
  quarantine(campaignId: number, limit: number): Promise<(QuarantinedRow & { fileName: string })[]>
  /** Every quarantined row of the campaign, grouped by import, for export. */
  quarantineByImport(campaignId: number): Promise<QuarantineExport[]>
  qualityBySource(campaignId: number): Promise<QualityBySource[]>
  qualityByOrganisation(campaignId: number): Promise<QualityByOrganisation[]>
  /**
   * Units in service per category and age in whole years at the reference day (age null = no purchase date),
   * within an organisation subtree when given.
   */
  ageCounts(
    campaignId: number,
    filter?: { organisationPath?: string[] },
  ): Promise<{ organisation: string; category: CategoryId; ageYears: number | null; quantity: number }[]>
  /** Bulk-loads a telemetry file in one transaction and refreshes the per-asset usage of the campaign. */
  importTelemetry(meta: NewImport, source: TelemetrySource): Promise<TelemetryImportResult>
  /** Measured usage per site (average hours per year per device), most idle hours first. */
  usageBySite(campaignId: number): Promise<UsageBySite[]>
  close(): Promise<void>
}

/** Where the referential comes from (the default one is built from the ADEME model). */
export type ReferentialSource = { load(): Promise<Referential> }

/** Progress reporting for long work; the CLI draws a bar, tests pass a no-op. */
export type Progress = {
  start(label: string, total: number): void
  advance(done: number): void
  stop(): void
}

export type Clock = { today(): DayNumber }

export type Deps = {
  store: WorkspaceStore
  files: Files
  referential: ReferentialSource
  progress: Progress
}

export type { CategoryId, DomainId, PhaseId, Finding }
