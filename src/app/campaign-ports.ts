/**
 * Ports of the collection-campaign workflow (docs/campaigns.md): what the campaign use cases need from the
 * store and from a mail server. Kept apart from ports.ts so the workflow's storage can grow on its own.
 */
import type { CategoryId } from '../core/inventory/categories.js'
import type { SourceKind } from '../core/campaigns/expected-sources.js'
import type { ReviewDecision } from '../core/campaigns/organisation-status.js'

/** One version of a campaign's setup: version 1 when opened, one more per restatement. */
export type CampaignSetup = {
  campaignId: number
  version: number
  /** The organisation subtree the campaign collects from. */
  perimeter: string[]
  /** The referential (id@version) pinned at opening. */
  referential: string
  expected: SourceKind[]
  state: 'open' | 'closed'
  openedMs: number
  openedBy: string
  closedMs: number | null
  closedBy: string | null
  /** The full referential id (with mapping rules and matcher) the frozen results were computed with. */
  frozenReferential: string | null
  note: string | null
}

/** An organisation expected to contribute, with what the campaign expects from it. */
export type CampaignMember = {
  organisationId: number
  path: string[]
  headcount: number | null
  contact: string | null
  expected: SourceKind[]
}

export type NewCampaignMember = Omit<CampaignMember, 'organisationId'>

/** What one organisation's data holds (its own rows, not its subtree's), counted by the store. */
export type OrganisationEvidence = {
  organisationId: number
  path: string[]
  /** Units per category from inventory source rows (purchase files excluded). */
  inventoryUnitsByCategory: Partial<Record<CategoryId, number>>
  purchaseUnits: number
  telemetryDevices: number
  /** Reconciled view, in service: units and asset lines. */
  units: number
  workstationUnits: number
  assets: number
  serialPresent: number
  purchaseDatePresent: number
  modelPresent: number
  imputedAssets: number
  implausibleAssets: number
  duplicateSerialAssets: number
  /** Units whose model resolved to a category default at the last computation; null without one. */
  unmatchedUnits: number | null
  /** Highest import id among the organisation's rows (its latest upload); null without rows. */
  lastUpload: number | null
}

/** Imports made for an organisation (`import --organisation`), even when every row was quarantined. */
export type OrganisationUpload = {
  organisationPath: string[]
  lastUpload: number
  rowsQuarantined: number
}

export type ReviewRecord = {
  organisationId: number
  path: string[]
  decision: ReviewDecision
  comment: string
  actor: string
  atMs: number
  /** The highest import id when the decision was taken: a later upload reopens the organisation. */
  afterUpload: number
}

export type ReminderRecord = {
  organisationId: number
  path: string[]
  address: string | null
  status: 'sent' | 'failed' | 'listed'
  error: string | null
  atMs: number
}

/** Frozen results of one campaign version, per organisation and domain. */
export type FrozenResult = {
  path: string[]
  domain: string
  quantity: number
  climateKgCo2e: number
}

export type CampaignStore = {
  setups(campaignId: number): Promise<CampaignSetup[]>
  /** Times given as null are taken from the store's clock (so are the ones below). */
  addSetup(setup: Omit<CampaignSetup, 'openedMs'> & { openedMs: number | null }): Promise<void>
  closeSetup(
    campaignId: number,
    version: number,
    closed: { atMs: number | null; by: string; frozenReferential: string },
  ): Promise<void>
  /** Replaces the campaign's members, creating the organisations that do not exist yet. */
  setMembers(campaignId: number, members: readonly NewCampaignMember[]): Promise<void>
  members(campaignId: number): Promise<CampaignMember[]>
  /** The organisations directly below `path` (the contributors of a national campaign). */
  childrenOf(path: readonly string[]): Promise<string[][]>
  organisationEvidence(campaignId: number): Promise<OrganisationEvidence[]>
  /**
   * Brings a stored copy of organisationEvidence up to date after a footprint computation: only
   * `organisationIds` (the organisations whose fingerprint changed; undefined: all) when the copy matched
   * `previous` (the computation state before this one), else in full. Stores that count the evidence on each
   * call (no stored copy) leave it out.
   */
  refreshOrganisationEvidence?(
    campaignId: number,
    organisationIds: readonly number[] | undefined,
    previous: { computedRevision: number; referential: string } | null,
  ): Promise<void>
  uploads(campaignId: number): Promise<OrganisationUpload[]>
  /** The highest import id of the workspace (0 when none). */
  lastImportId(): Promise<number>
  addReview(
    campaignId: number,
    review: Omit<ReviewRecord, 'atMs' | 'path'> & { atMs: number | null },
  ): Promise<void>
  reviews(campaignId: number): Promise<ReviewRecord[]>
  addReminders(
    campaignId: number,
    reminders: readonly (Omit<ReminderRecord, 'atMs' | 'path'> & { atMs: number | null })[],
  ): Promise<void>
  saveFrozenResults(campaignId: number, version: number, results: readonly FrozenResult[]): Promise<void>
  frozenResults(campaignId: number, version: number): Promise<FrozenResult[]>
  /**
   * A fingerprint of every input of each organisation's footprint (its rows, their usage), by organisation
   * id; key -1 fingerprints the campaign's datacenters (their PUE applies across organisations).
   */
  organisationSignatures(campaignId: number): Promise<Map<number, string>>
  /** The fingerprints the last footprint computation saw (empty before the first). */
  computedSignatures(campaignId: number): Promise<Map<number, string>>
  saveComputedSignatures(campaignId: number, signatures: ReadonlyMap<number, string>): Promise<void>
  /** The models used by these organisations' rows in the campaign. */
  modelIdsOf(campaignId: number, organisationIds: readonly number[]): Promise<number[]>
}

/** One e-mail to send; text only. */
export type MailMessage = { from: string; to: string; subject: string; text: string }

/** Sends e-mail through an SMTP server (src/io/smtp-client.ts). */
export type Mailer = {
  send(server: { host: string; port: number }, message: MailMessage): Promise<void>
}
