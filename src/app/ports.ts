/**
 * Ports: what the use cases need from the outside world. `src/io` and `src/store` implement them;
 * `src/main.ts` wires the implementations. Nothing here knows about DuckDB, files or HTTP.
 */
import type { Asset, AssetField, Datacenter, DayNumber } from '../core/inventory/asset.js'
import type { AssetColumns } from '../core/inventory/asset-columns.js'
import type { NormalisedBatch } from '../core/inventory/normalise-batch.js'
import type { NormaliseOptions } from '../core/inventory/normalise-row.js'
import type { FormatId } from '../core/formats/format-profiles.js'
import type { CategoryId, DomainId, PhaseId } from '../core/inventory/categories.js'
import type { Finding } from '../core/quality/finding.js'
import type { InventoryRecord, InventoryRecordKind } from '../core/inventory/inventory-records.js'
import type { UnitChoices } from '../core/formats/unit-choices.js'
import type { CriterionId, Referential } from '../core/referential/referential.js'
import type { NeReferential, NeTableKind, ReferentialFormat } from '../core/numecoeval/referential-tables.js'
import type { AssetFootprint, FootprintInput } from '../core/footprint/compute-footprint.js'
import type { MappingRule, NewMappingRule } from '../core/harmonise/mapping-rules.js'
import type { ModelText, ResolutionMethod } from '../core/harmonise/resolve-models.js'
import type { Actor, Role } from '../core/access/roles.js'
import type { NewScenario, SavedScenario } from '../core/scenarios/saved-scenario.js'
import type { Perimeter } from '../core/scenarios/perimeter.js'
import type { NewAction, PlanAction } from '../core/plans/action.js'
import type { TelemetryPeriod } from '../core/plans/measure-action-progress.js'
import type { ElectricityOverride } from '../core/footprint/electricity-override.js'
import type { CampaignStore, Mailer } from './campaign-ports.js'
import type { EcoDesignStore } from './eco-design-ports.js'

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

/** A parsed YAML or JSON document and where each value was written (line and column from 1). */
export type StructuredFile = {
  file: string
  value: unknown
  locate(path: readonly (string | number)[]): { line: number; column: number } | null
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
  /** Reads a YAML or JSON document, keeping where each value was written (service descriptions). */
  readStructuredFile(path: string): Promise<StructuredFile>
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
  /** Unit choices the import used for columns whose unit its format does not state (empty: none). */
  options?: UnitChoices
  /** When the import was committed, as the store read it back ("2025-03-01 14:02:07", workspace local time). */
  importedAt?: string
  /** The source the rows belong to (incremental re-import replaces rows of the same source); defaults to the format. */
  source?: string
  /** The import that replaced this one's rows (incremental re-import), or null. */
  replacedBy?: number | null
  /** What committing this import did to earlier ones (incremental re-import, corrected quarantine). */
  replacement?: { replacedImports: number[]; deletedAssets: number; resolvedQuarantine: number }
}

export type NewImport = Omit<
  ImportRecord,
  'id' | 'rowsRead' | 'rowsAccepted' | 'rowsQuarantined' | 'rowsImputed' | 'importedAt'
> & {
  /** The table's header as read, to write quarantined rows back in the same format. */
  header?: string[]
  /** The source the rows come from (defaults to the format): an incremental re-import replaces the same source. */
  source?: string
  /**
   * With an organisation: the rows of that organisation (and below) from earlier imports of the same source
   * are deleted when this import commits (incremental re-import).
   */
  replaceOrganisationRows?: boolean
  /** A corrected quarantine file: the quarantined rows of `importId` at these lines are resolved by this import. */
  corrects?: { importId: number; lines: number[] }
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
  /** Typed NumEcoEval records (virtual equipment, applications, non-IT operations, messaging, entities). */
  addRecords(records: readonly InventoryRecord[]): Promise<void>
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
  /** The asset's site name, or null (optional: a store without it cannot filter scenarios by site). */
  site?(index: number): string | null
  fill(index: number, input: FootprintInput): void
}

/** Receives the computed footprint of each row of the batches that `readComputeRows` produced. */
export type ResultWriter = {
  add(batch: ComputeBatch, index: number, footprint: AssetFootprint): void
  /**
   * Adds results that come from no asset row (cloud lines, docs/methodology/cloud.md), grouped by organisation,
   * domain and model; in an incremental pass the store keeps only the groups of the organisations it recomputes.
   * Optional: a store without it has no such results.
   */
  addGroup?(group: ResultGroup): void
  flush(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
}

/** One group of results that no asset row produced (see ResultWriter.addGroup). */
export type ResultGroup = {
  organisationPath: readonly string[]
  domain: DomainId
  category: CategoryId
  manufacturer: string | null
  model: string | null
  assets: number
  quantity: number
  annualKwh: number
  impacts: Partial<Record<CriterionId, Record<PhaseId, number>>>
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
  /** The reconciled asset this source row was merged into (null: it stands alone or is the reconciled row). */
  mergedInto: number | null
  modelId: number
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

/**
 * Duplicate counts of a perimeter, in assets. Keys may be added (a reconciliation pass will add the assets
 * merged into another); each counts the assets concerned, so perimeters add up.
 */
export type DuplicateCounts = {
  /** Serial number found on another asset of the campaign (within or across sources: each asset once). */
  serial: number
  /** Serial number found on another asset of the same source. */
  serialWithinSource: number
  /** Serial number found on an asset of another source of the campaign. */
  serialAcrossSources: number
  /** Host name (case-insensitive) found on another asset of the campaign. */
  hostname: number
}

/**
 * Quality counts of one cell of the campaign: the assets of one source (import) in one organisation.
 * Every figure is a count of assets, so cells add up to any source or organisation subtree.
 */
export type QualityCell = {
  importId: number
  /** Organisation path joined with " > ". */
  organisation: string
  assets: number
  /** Per canonical field: assets where the source gave the value (not empty, not imputed). */
  present: Record<AssetField, number>
  /** Per canonical field: assets where the value was filled with a default. */
  imputed: Record<AssetField, number>
  /** Assets with at least one imputed field. */
  imputedAssets: number
  duplicates: DuplicateCounts
  /** Assets whose footprint used an item matched to their model, or their category's default item. */
  matchedByModel: number
  matchedByCategoryDefault: number
}

/** Findings of one source grouped by reason: distinct lines per (code, column, severity). */
export type FindingReasonCount = {
  importId: number
  code: string
  column: string | null
  severity: 'rejected' | 'imputed' | 'warning'
  rows: number
}

/** A batch of assets for the outlier rules, read column by column (see ComputeBatch). */
export type QualityRowBatch = {
  length: number
  assetId(index: number): number
  importId(index: number): number
  line(index: number): number
  /** Organisation path joined with " > ". */
  organisation(index: number): string
  serial(index: number): string | null
  hostname(index: number): string | null
  /** The reference item the last compute pass matched the asset to; null before any compute. */
  referenceItem(index: number): string | null
  category(index: number): CategoryId
  quantity(index: number): number
  purchaseDay(index: number): DayNumber | null
  lifetimeYears(index: number): number | null
  annualKwh(index: number): number | null
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
  /** The unit choices recorded by the latest imports of `format` in the workspace, any campaign (latest wins). */
  latestImportOptions(format: string): Promise<UnitChoices>
  /** The names among `names` that no row of the campaign holds: physical equipment (asset host names) or VMs. */
  unknownNames(
    campaignId: number,
    target: 'physical-equipment' | 'virtual-equipment',
    names: readonly string[],
  ): Promise<string[]>
  /** The typed records of one kind in a campaign, in import and line order. */
  inventoryRecords<Kind extends InventoryRecordKind>(
    campaignId: number,
    kind: Kind,
  ): Promise<(Extract<InventoryRecord, { kind: Kind }> & { importId: number })[]>
  computationState(campaignId: number): Promise<ComputationState | null>
  /** The campaign's assets revision (every import bumps it); optional: without it scenarios do not cache rows. */
  assetsRevision?(campaignId: number): Promise<number | null>
  /** Streams every asset of the campaign with its datacenter PUE resolved (undefined = not hosted). */
  /** With `organisationIds`, only those organisations' assets (incremental computation). */
  readComputeRows(campaignId: number, organisationIds?: readonly number[]): AsyncIterable<ComputeBatch>
  /** With `organisationIds`, replaces only those organisations' results; the others are kept. */
  beginResults(
    campaignId: number,
    referential: string,
    resolutions?: ReadonlyMap<number, { method: ResolutionMethod; confidence: number }>,
    organisationIds?: readonly number[],
  ): Promise<ResultWriter>
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
  /** Quality counts per (source, organisation) cell: completeness, imputed, duplicates, matched share. */
  qualityCells(campaignId: number): Promise<QualityCell[]>
  /** Findings per source and reason (distinct lines), every severity. */
  findingReasons(campaignId: number): Promise<FindingReasonCount[]>
  /** Streams the columns the outlier rules need, for every asset of the campaign, in id order. */
  readQualityRows(campaignId: number): AsyncIterable<QualityRowBatch>
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
  /** Every mapping rule of the workspace, oldest first. */
  listMappingRules(): Promise<MappingRule[]>
  /** Adds rules or updates those with the same pattern; `replaceAll` first removes every other rule. */
  saveMappingRules(
    rules: readonly NewMappingRule[],
    options: { replaceAll: boolean },
  ): Promise<{ added: number; updated: number; removed: number }>
  /** Removes the rule with this pattern (or id); false when there is none. */
  removeMappingRule(patternOrId: string): Promise<boolean>
  /** The models used by the campaign's assets (reconciled view), with how many assets and units each covers. */
  campaignModels(campaignId: number, modelIds?: readonly number[]): Promise<CampaignModel[]>
  /** True when the reconciliation pass ran after the campaign's last change. */
  isReconciled(campaignId: number): Promise<boolean>
  /** Merges the rows of one device found in several imports (serial number, then host name). */
  reconcile(campaignId: number): Promise<ReconciliationSummary>
  /** The source rows merged into a reconciled asset, where each field came from, and the conflicts. */
  reconciliationOf(campaignId: number, assetId: number): Promise<AssetReconciliation>
  /** Conflicting values between sources of the same device, most recent first. */
  reconciliationConflicts(campaignId: number, limit: number): Promise<ReconciliationConflict[]>
  close(): Promise<void>
}

export type CampaignModel = ModelText & { assets: number; quantity: number }

export type ReconciliationSummary = {
  /** Devices found in two or more imports (each now one reconciled asset). */
  devices: number
  bySerial: number
  byHostname: number
  /** Source rows merged into those devices. */
  sourceRows: number
  conflicts: { field: AssetField; conflicts: number; devices: number }[]
}

export type ReconciliationConflict = {
  assetId: number
  field: AssetField
  chosen: string | null
  chosenFile: string
  other: string | null
  otherFile: string
}

export type AssetReconciliation = {
  members: { assetId: number; fileName: string; format: string; line: number }[]
  provenance: { field: AssetField; assetId: number; fileName: string; line: number }[]
  conflicts: ReconciliationConflict[]
}

/** Where the referential comes from (the default one is built from the ADEME model). */
export type ReferentialSource = { load(): Promise<Referential> }

/** One imported referential version (docs/referentials.md): `name@version`, its files and table row counts. */
export type StoredReferentialVersion = {
  id: number
  name: string
  version: string
  /** The naming of the files it was read from: `g4it` (ref_*.csv) or `numecoeval` (criterion.csv…). */
  format: ReferentialFormat
  files: string[]
  counts: Record<NeTableKind, number>
  importedMs: number
}

/** Imported referential versions and the referential each campaign is pinned to. */
export type ReferentialVersionStore = {
  /** Every imported version, oldest first. */
  list(): Promise<StoredReferentialVersion[]>
  /** Stores a version and its table rows in one transaction. */
  add(
    version: Omit<StoredReferentialVersion, 'id' | 'counts' | 'importedMs'> & { importedMs: number | null },
    tables: NeReferential,
  ): Promise<StoredReferentialVersion>
  /** The rows of a version, in import order, with the file and line each came from. */
  tables(versionId: number): Promise<NeReferential>
  /** The referential (`name@version`) a campaign is pinned to; null = the built-in default. */
  pinned(campaignId: number): Promise<string | null>
  pin(campaignId: number, referential: string, atMs: number | null): Promise<void>
}

/** Progress reporting for long work; the CLI draws a bar, tests pass a no-op. */
export type Progress = {
  start(label: string, total: number): void
  advance(done: number): void
  stop(): void
}

export type Clock = { today(): DayNumber }

/** One regular file found in a watched folder, with what tells whether it is still being written. */
export type FolderEntry = { name: string; sizeBytes: number; modifiedMs: number }

/** What `watch` needs from a drop folder (a local disk or a network share). */
export type FolderWatcher = {
  /** The regular files directly in `folder`, not in its subfolders; null when the folder does not exist. */
  list(folder: string): Promise<FolderEntry[] | null>
  /** The names of the folders directly in `folder` (empty when it does not exist). */
  subfolders(folder: string): Promise<string[]>
  /** Moves a file, creating the target's folder; fails rather than overwrite an existing file. */
  move(from: string, to: string): Promise<void>
  writeText(path: string, text: string): Promise<void>
}

/** A table to download: a header and rows of text or numbers (null = empty cell). */
export type TableToEncode = { name: string; header: string[]; rows: (string | number | null)[][] }

/** Encodes a table as a file to download; text cells are neutralised against spreadsheet formula injection. */
export type TableEncoder = {
  encode(table: TableToEncode, format: 'csv' | 'xlsx'): Uint8Array
}

/** A user of the workspace as stored (docs/access-control.md); the password only as an argon2id hash. */
export type StoredUser = {
  id: number
  login: string
  displayName: string
  passwordHash: string | null
  role: Role
  /** Organisation path the role is limited to; null = the whole tree. */
  scope: string[] | null
  createdMs: number
  disabledMs: number | null
}

/** A signed-in session: the SHA-256 of its cookie token and of its CSRF token, never the tokens. */
export type SessionRecord = { tokenHash: string; userId: number; csrfHash: string; createdMs: number; expiresMs: number }

export type ApiTokenRecord = {
  id: number
  userId: number
  name: string
  createdMs: number
  expiresMs: number | null
  lastUsedMs: number | null
  revokedMs: number | null
}

export type NewAuditEvent = {
  atMs: number
  /** Login of the user, or "local" for the workspace owner acting through the CLI. */
  actor: string
  action: string
  target: string | null
  organisation: string | null
  details: Record<string, unknown>
}
export type AuditEvent = NewAuditEvent & { id: number }

/** Users, sessions, API tokens, login failures and the audit log. Only hashes of secrets are stored. */
export type AccessStore = {
  addUser(user: Omit<StoredUser, 'id'>): Promise<StoredUser>
  /** Logins are compared case-insensitively. */
  findUserByLogin(login: string): Promise<StoredUser | null>
  findUserById(id: number): Promise<StoredUser | null>
  listUsers(): Promise<StoredUser[]>
  /** Disables the user, ends their sessions and revokes their tokens. */
  disableUser(id: number, atMs: number): Promise<void>
  addSession(session: SessionRecord): Promise<void>
  findSession(tokenHash: string): Promise<SessionRecord | null>
  deleteSession(tokenHash: string): Promise<void>
  deleteExpiredSessions(nowMs: number): Promise<void>
  addApiToken(token: {
    tokenHash: string
    userId: number
    name: string
    createdMs: number
    expiresMs: number | null
  }): Promise<ApiTokenRecord>
  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null>
  /** Every token (of one user when given), oldest first. */
  listApiTokens(userId: number | null): Promise<ApiTokenRecord[]>
  touchApiToken(id: number, nowMs: number): Promise<void>
  revokeApiToken(id: number, nowMs: number): Promise<void>
  addLoginFailure(login: string, address: string, atMs: number): Promise<void>
  /** Failure times after `sinceMs` for this login and, separately, for this client address. */
  loginFailures(login: string, address: string, sinceMs: number): Promise<{ byLogin: number[]; byAddress: number[] }>
  clearLoginFailures(login: string): Promise<void>
  /** Records an event; without `atMs` the store stamps it with its own clock. */
  addAuditEvent(event: Omit<NewAuditEvent, 'atMs'> & { atMs?: number }): Promise<void>
  /** Most recent first. */
  listAuditEvents(query: {
    limit: number
    offset: number
    action: string | null
  }): Promise<{ items: AuditEvent[]; total: number }>
}

/** Password hashing (argon2id) and random tokens; implemented in src/io with hash-wasm and node:crypto. */
export type Secrets = {
  hashPassword(password: string): Promise<string>
  verifyPassword(password: string, encodedHash: string): Promise<boolean>
  /** A new random token (256 bits, base64url). */
  newToken(): string
  /** SHA-256 hex digest of a high-entropy token (what the store keeps). */
  digest(token: string): string
}

/** Saved scenarios, action plans and electricity tariffs of the workspace (docs/scenarios.md, docs/action-plans.md). */
export type PlanStore = {
  /** Every saved scenario, by name. */
  listScenarios(): Promise<SavedScenario[]>
  findScenario(name: string): Promise<SavedScenario | null>
  /** Saves a scenario, replacing the one with the same name (case-insensitive). */
  saveScenario(scenario: NewScenario): Promise<{ scenario: SavedScenario; isReplaced: boolean }>
  removeScenario(name: string): Promise<boolean>
  /** Every action, oldest first. */
  listActions(): Promise<PlanAction[]>
  addAction(action: NewAction): Promise<PlanAction>
  /** Changes the given fields of an action; null when there is no such action. */
  updateAction(id: number, change: Partial<NewAction>): Promise<PlanAction | null>
  /** Telemetry of the perimeter's devices (all campaigns) before and on/after `startDay`. */
  telemetryAround(
    perimeter: Perimeter,
    startDay: DayNumber,
  ): Promise<{ before: TelemetryPeriod; after: TelemetryPeriod } | null>
  /** Electricity tariffs per organisation path (€/kWh), for its subtree. */
  listTariffs(): Promise<OrganisationTariff[]>
  setTariff(tariff: OrganisationTariff): Promise<void>
  removeTariff(organisation: string): Promise<boolean>
  /** Every campaign of the workspace, oldest first (to find the one before an action's start). */
  listCampaigns(): Promise<Campaign[]>
}

/** An organisation's electricity tariff (€/kWh excl. VAT) with where it comes from. */
export type OrganisationTariff = { organisation: string; eurosPerKwh: number; source: string | null }

/** Electricity climate factors the user set per organisation subtree or site (docs/electricity.md). */
export type ElectricityOverrideStore = {
  list(): Promise<ElectricityOverride[]>
  /** Adds the override, or replaces the one with the same organisation and site. */
  set(override: Omit<ElectricityOverride, 'id'>): Promise<ElectricityOverride>
  remove(id: number): Promise<boolean>
}

/** One table of a workspace as `empreinte migrate` copies it: its name and its columns. */
export type WorkspaceTable = { name: string; columns: string[] }

/**
 * The raw tables of a workspace, to copy it to another engine (`empreinte migrate`, docs/postgresql.md).
 * Values cross engines as numbers, strings, booleans or null: timestamps as 'YYYY-MM-DD HH:MM:SS' (UTC),
 * dates as 'YYYY-MM-DD'.
 */
export type WorkspaceTables = {
  readonly engine: string
  /** Every table of the workspace schema (not the migration log), by name. */
  listTables(): Promise<WorkspaceTable[]>
  countRows(table: string): Promise<number>
  /** The table's rows in batches of about `batchRows`, values in the order of `columns`. */
  readRows(table: string, columns: readonly string[], batchRows: number): AsyncIterable<unknown[][]>
  /** Appends the batches in one transaction (bulk path: COPY, appender); returns how many rows went in. */
  writeRows(table: string, columns: readonly string[], batches: AsyncIterable<unknown[][]>): Promise<number>
}

/**
 * A consistent copy of the whole workspace to a file, and back (docs/backup.md). `manifest` is a short JSON text
 * kept beside the backup (`FILE.manifest.json`): what the restore checks the restored workspace against.
 */
export type WorkspaceBackup = {
  engine: string
  backup(file: string, manifest: string): Promise<{ bytes: number }>
  /** Replaces the workspace's contents with the backup's; answers the manifest kept beside it (null: none). */
  restore(file: string): Promise<{ manifest: string | null }>
}

export type Deps = {
  store: WorkspaceStore
  /** Backup and restore of the whole workspace (absent: this engine has none). */
  backup?: WorkspaceBackup
  /** Saved scenarios, actions and tariffs. */
  plans: PlanStore
  /** Electricity factors set per organisation or site. */
  electricity: ElectricityOverrideStore
  files: Files
  folders: FolderWatcher
  referential: ReferentialSource
  progress: Progress
  tables: TableEncoder
  access: AccessStore
  secrets: Secrets
  /** Collection campaigns: setups, members, reviews, reminders, frozen results (docs/campaigns.md). */
  campaigns: CampaignStore
  /** E-mail through an SMTP server (campaign reminders). */
  mailer: Mailer
  /** IT projects, their estimate snapshots and RGESN self-assessment (docs/services.md). */
  ecoDesign: EcoDesignStore
  /** Imported referential versions and campaign pins (docs/referentials.md). */
  referentials: ReferentialVersionStore
  /** The workspace's raw tables, for `empreinte migrate` (absent where no copy is possible). */
  workspaceTables?: WorkspaceTables
  /**
   * Who is acting, set per request by the HTTP layer; undefined = the workspace owner acting locally
   * (the CLI on the workspace file), who has every permission on the whole tree.
   */
  actor?: Actor
}

export type { CategoryId, DomainId, PhaseId, Finding }
