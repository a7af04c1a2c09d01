/**
 * The collection-campaign workflow (docs/campaigns.md): open a campaign over an organisation subtree, follow
 * every organisation on a board, review, close and freeze, restate as a new version.
 */
import { detectAnomalies, type Anomaly } from '../core/campaigns/anomaly-rules.js'
import {
  parseExpectedSources,
  receivedSources,
  SOURCE_KINDS,
  type SourceKind,
} from '../core/campaigns/expected-sources.js'
import {
  organisationStatus,
  reviewRefusal,
  type OrganisationStatus,
  type ReviewDecision,
} from '../core/campaigns/organisation-status.js'
import { foldText } from '../core/inventory/fold-text.js'
import { qualityScore } from '../core/quality/quality-score.js'
import { recordAudit, actorName, requirePermission } from './access.js'
import type {
  CampaignMember,
  CampaignSetup,
  NewCampaignMember,
  OrganisationEvidence,
} from './campaign-ports.js'
import { campaignReferentialId } from './campaign-referential.js'
import { campaignBaseReferential, resolveReferential } from './referential-catalogue.js'
import { endOfYearDay, resolveCampaign, resolveOrganisation } from './campaigns.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { Campaign, Deps } from './ports.js'

const SEPARATOR = ' > '

export const STATUS_FILTERS = [
  'missing',
  'anomaly',
  'to-chase',
  'not-started',
  'collecting',
  'submitted',
  'validated',
  'sent-back',
  'closed',
] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]
export const STATUS_SORTS = ['code', 'quality', 'status', 'received', 'units'] as const
export type StatusSort = (typeof STATUS_SORTS)[number]

/** One organisation on the progress board. */
export type BoardOrganisation = {
  /** The organisation's name (its code on the command line). */
  code: string
  path: string
  status: OrganisationStatus
  sourcesReceived: number
  sourcesExpected: number
  received: SourceKind[]
  missing: SourceKind[]
  /** 0–100 (docs/formats.md#quality-score); 0 without data. */
  qualityScore: number
  units: number
  workstations: number
  /** From the headcounts file, else the NumEcoEval entity records imported for the campaign (nbCollaborateurs). */
  headcount: number | null
  headcountSource: 'headcounts-file' | 'entities' | null
  quarantinedRows: number
  anomalies: Anomaly[]
  contact: string | null
  lastDecision: { decision: ReviewDecision; comment: string; actor: string; atMs: number } | null
}

export type CampaignBoard = {
  campaign: number
  version: number
  state: 'open' | 'closed'
  perimeter: string
  referential: string
  frozenReferential: string | null
  expected: SourceKind[]
  /** Organisations per status, over the whole perimeter (before filtering). */
  counts: Record<OrganisationStatus, number> & { total: number }
  /** The previous campaign the anomalies compare with; null when there is none. */
  previousCampaign: number | null
  filter: StatusFilter | null
  sort: StatusSort
  organisations: BoardOrganisation[]
}

/** The headcount and contact of an organisation, as read from a headcounts file. */
export type MemberDetails = {
  organisation: string
  headcount: number | null
  contact: string | null
  line: number
}

/**
 * Opens the campaign of `year` over the subtree `perimeter`: its members are the organisations named in the
 * headcounts file, else the organisations directly below the perimeter. The referential is pinned (it must be the one loaded now).
 * @example await openCampaign(deps, { year: 2025, perimeter: 'CNAM', expect: 'computers,monitors', referential: null, members: [], atMs: null })
 */
export async function openCampaign(
  deps: Deps,
  input: {
    year: number
    perimeter: string
    expect: string
    referential: string | null
    members: MemberDetails[]
    headcountsFile?: string | null
    atMs: number | null
  },
): Promise<{
  campaign: number
  version: number
  perimeter: string
  referential: string
  expected: SourceKind[]
  organisations: number
}> {
  requirePermission(deps, 'review-campaigns')
  const parsed = parseExpectedSources(input.expect)
  if ('error' in parsed) throw new AppError('invalid_argument', parsed.error)
  // --referential: the built-in default or an imported NAME@VERSION (docs/referentials.md), pinned below.
  const asked = input.referential === null ? null : await resolveReferential(deps, input.referential)
  const perimeter = await resolveOrganisationOrPath(deps, input.perimeter)
  const campaign = await deps.store.ensureCampaign(input.year, endOfYearDay(input.year))
  if ((await deps.campaigns.setups(campaign.id)).length > 0)
    throw new AppError(
      'conflict',
      `Campaign ${input.year} is already open; see empreinte campaign status --campaign ${input.year}.`,
    )
  if (asked !== null) await deps.referentials.pin(campaign.id, asked.text, input.atMs)
  const pinned = await campaignBaseReferential(deps, campaign)
  const referential = `${pinned.id}@${pinned.version}`
  const members: NewCampaignMember[] = []
  const perimeterText = perimeter.join(SEPARATOR)
  for (const member of input.members) {
    const path = member.organisation.includes('>')
      ? member.organisation.split('>').map((part) => part.trim())
      : await memberPath(deps, perimeter, member.organisation)
    if (!isUnder(path, perimeter))
      throw new AppError(
        'invalid_argument',
        `${input.headcountsFile ?? 'headcounts'}:${member.line}: "${member.organisation}" is not within the perimeter ${perimeterText}.`,
        { line: member.line },
      )
    members.push({ path, headcount: member.headcount, contact: member.contact, expected: parsed.kinds })
  }
  if (members.length === 0) {
    // Without a headcounts file: the organisations directly below the perimeter (each with its own subtree,
    // its sites), else the perimeter itself.
    const children = await deps.campaigns.childrenOf(perimeter)
    for (const path of children.length > 0 ? children : [perimeter])
      members.push({ path, headcount: null, contact: null, expected: parsed.kinds })
  }
  await deps.campaigns.setMembers(campaign.id, members)
  await deps.campaigns.addSetup({
    campaignId: campaign.id,
    version: 1,
    perimeter,
    referential,
    expected: parsed.kinds,
    state: 'open',
    openedMs: input.atMs,
    openedBy: actorName(deps),
    closedMs: null,
    closedBy: null,
    frozenReferential: null,
    note: null,
  })
  await recordAudit(deps, {
    action: 'campaign.open',
    target: String(input.year),
    organisation: perimeterText,
    details: { expected: parsed.kinds, referential, organisations: members.length },
  })
  return {
    campaign: input.year,
    version: 1,
    perimeter: perimeterText,
    referential,
    expected: parsed.kinds,
    organisations: members.length,
  }
}

/** The campaign's latest setup; a clear error when the campaign was never opened for collection. */
export async function currentSetup(deps: Deps, campaign: Campaign): Promise<CampaignSetup> {
  const setups = await deps.campaigns.setups(campaign.id)
  const latest = setups[setups.length - 1]
  if (latest) return latest
  throw new AppError(
    'not_found',
    `Campaign ${campaign.year} was not opened for collection; run empreinte campaign open ${campaign.year} --perimeter CODE --expect ${SOURCE_KINDS.join(',')}.`,
  )
}

/** Refuses an import into a closed campaign (its results are frozen); open or never-opened campaigns pass. */
export async function assertCampaignAcceptsImports(deps: Deps, campaign: Campaign): Promise<void> {
  const setups = await deps.campaigns.setups(campaign.id)
  if (setups[setups.length - 1]?.state === 'closed')
    throw new AppError(
      'conflict',
      `Campaign ${campaign.year} is closed: its inputs and results are frozen. Import into a new campaign (--campaign YEAR), or restate ${campaign.year} as a new version (empreinte campaign restate --campaign ${campaign.year}).`,
    )
}

/**
 * The progress board: every member with its status, sources received, quality score and anomalies against
 * the previous campaign; filtered and sorted. Brings the footprint up to date first (incrementally: only the
 * organisations whose data changed), for the share of unmatched models.
 */
export async function campaignStatus(
  deps: Deps,
  input: { campaignYear: number | null; filter: StatusFilter | null; sort: StatusSort },
): Promise<CampaignBoard> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const setup = await currentSetup(deps, campaign)
  if (setup.state === 'open') await computeCampaignFootprint(deps, { campaign })
  const isComputed = (await deps.store.computationState(campaign.id)) !== null
  const previous = await previousCampaign(deps, campaign)
  const [members, evidence, uploads, reviews, previousEvidence, entities] = await Promise.all([
    deps.campaigns.members(campaign.id),
    deps.campaigns.organisationEvidence(campaign.id),
    deps.campaigns.uploads(campaign.id),
    deps.campaigns.reviews(campaign.id),
    previous === null ? Promise.resolve([]) : deps.campaigns.organisationEvidence(previous.id),
    deps.store.inventoryRecords(campaign.id, 'entity'),
  ])
  const memberOf = createMemberLookup(members)
  const entityHeadcounts = headcountsFromEntities(members, memberOf, entities)
  const totals = new Map<number, OrganisationEvidence>()
  for (const row of evidence) {
    const member = memberOf(row.path)
    if (member !== null)
      totals.set(member.organisationId, addEvidence(totals.get(member.organisationId), row))
  }
  const previousUnits = new Map<number, number>()
  for (const row of previousEvidence) {
    const member = memberOf(row.path)
    if (member !== null)
      previousUnits.set(member.organisationId, (previousUnits.get(member.organisationId) ?? 0) + row.units)
  }
  const uploadOf = new Map<number, { lastUpload: number; rowsQuarantined: number }>()
  for (const upload of uploads) {
    const member = memberOf(upload.organisationPath)
    if (member === null) continue
    const known = uploadOf.get(member.organisationId)
    uploadOf.set(member.organisationId, {
      lastUpload: Math.max(known?.lastUpload ?? 0, upload.lastUpload),
      rowsQuarantined: (known?.rowsQuarantined ?? 0) + upload.rowsQuarantined,
    })
  }
  const lastReview = new Map(reviews.map((review) => [review.organisationId, review]))
  const board = members.map((member): BoardOrganisation => {
    const data = totals.get(member.organisationId)
    const received = data ? receivedSources(member.expected, data) : []
    const upload = uploadOf.get(member.organisationId)
    const lastUpload = Math.max(data?.lastUpload ?? 0, upload?.lastUpload ?? 0) || null
    const review = lastReview.get(member.organisationId) ?? null
    const status = organisationStatus({
      sourcesReceived: received.length,
      sourcesExpected: member.expected.length,
      lastUpload,
      lastDecision: review === null ? null : { decision: review.decision, afterUpload: review.afterUpload },
      isCampaignClosed: setup.state === 'closed',
    })
    const assets = data?.assets ?? 0
    const share = (count: number): number => (assets === 0 ? 0 : count / assets)
    const headcount = member.headcount ?? entityHeadcounts.get(member.organisationId) ?? null
    return {
      code: member.path[member.path.length - 1]!,
      path: member.path.join(SEPARATOR),
      status,
      sourcesReceived: received.length,
      sourcesExpected: member.expected.length,
      received,
      missing: member.expected.filter((kind) => !received.includes(kind)),
      qualityScore: qualityScore({
        assets,
        serialCompleteness: share(data?.serialPresent ?? 0),
        purchaseDateCompleteness: share(data?.purchaseDatePresent ?? 0),
        modelCompleteness: share(data?.modelPresent ?? 0),
        imputedAssets: data?.imputedAssets ?? 0,
        duplicateSerialAssets: data?.duplicateSerialAssets ?? 0,
        implausibleAssets: data?.implausibleAssets ?? 0,
      }),
      units: data?.units ?? 0,
      workstations: data?.workstationUnits ?? 0,
      headcount,
      headcountSource: member.headcount !== null ? 'headcounts-file' : headcount !== null ? 'entities' : null,
      quarantinedRows: upload?.rowsQuarantined ?? 0,
      anomalies: detectAnomalies({
        units: data?.units ?? 0,
        previousUnits: previousUnits.get(member.organisationId) ?? null,
        unmatchedUnits: isComputed ? (data?.unmatchedUnits ?? 0) : null,
        workstationUnits: data?.workstationUnits ?? 0,
        headcount,
      }),
      contact: member.contact,
      lastDecision:
        review === null
          ? null
          : { decision: review.decision, comment: review.comment, actor: review.actor, atMs: review.atMs },
    }
  })
  const counts = {
    total: board.length,
    'not-started': 0,
    collecting: 0,
    submitted: 0,
    validated: 0,
    'sent-back': 0,
    closed: 0,
  } satisfies CampaignBoard['counts']
  for (const row of board) counts[row.status] += 1
  return {
    campaign: campaign.year,
    version: setup.version,
    state: setup.state,
    perimeter: setup.perimeter.join(SEPARATOR),
    referential: setup.referential,
    frozenReferential: setup.frozenReferential,
    expected: setup.expected,
    counts,
    previousCampaign: previous?.year ?? null,
    filter: input.filter,
    sort: input.sort,
    organisations: sortBoard(
      board.filter((row) => matchesFilter(row, input.filter)),
      input.sort,
    ),
  }
}

/** Validates an organisation's data or sends it back with a comment; recorded with the actor and in the audit log. */
export async function reviewOrganisation(
  deps: Deps,
  input: {
    campaignYear: number | null
    organisation: string
    decision: ReviewDecision
    comment: string
    atMs: number | null
  },
): Promise<{
  campaign: number
  organisation: string
  decision: ReviewDecision
  status: OrganisationStatus
  actor: string
}> {
  requirePermission(deps, 'review-campaigns')
  if (input.decision === 'send-back' && input.comment.trim() === '')
    throw new AppError(
      'invalid_argument',
      'Sending back needs a comment saying what to fix (--comment TEXT).',
    )
  const board = await campaignStatus(deps, { campaignYear: input.campaignYear, filter: null, sort: 'code' })
  const row = findOnBoard(board, input.organisation)
  const refusal = reviewRefusal(row.status, input.decision)
  if (refusal !== null) throw new AppError('conflict', `Cannot ${input.decision} ${row.path}: ${refusal}.`)
  const campaign = await resolveCampaign(deps.store, board.campaign)
  const member = (await deps.campaigns.members(campaign.id)).find(
    (candidate) => candidate.path.join(SEPARATOR) === row.path,
  )!
  await deps.campaigns.addReview(campaign.id, {
    organisationId: member.organisationId,
    decision: input.decision,
    comment: input.comment,
    actor: actorName(deps),
    atMs: input.atMs,
    afterUpload: await deps.campaigns.lastImportId(),
  })
  await recordAudit(deps, {
    action: `campaign.review.${input.decision}`,
    target: String(board.campaign),
    organisation: row.path,
    details: { comment: input.comment, previousStatus: row.status },
  })
  return {
    campaign: board.campaign,
    organisation: row.path,
    decision: input.decision,
    status: input.decision === 'validate' ? 'validated' : 'sent-back',
    actor: actorName(deps),
  }
}

/**
 * Closes the campaign: computes its footprint with the pinned referential, freezes the results per
 * organisation and domain, and refuses later imports. The board keeps every organisation's last status.
 */
export async function closeCampaign(
  deps: Deps,
  input: { campaignYear: number | null; atMs: number | null },
): Promise<{
  campaign: number
  version: number
  referential: string
  organisations: number
  climateKgCo2e: number
}> {
  requirePermission(deps, 'review-campaigns')
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const setup = await currentSetup(deps, campaign)
  if (setup.state === 'closed')
    throw new AppError('conflict', `Campaign ${campaign.year} is already closed (version ${setup.version}).`)
  await assertPinnedReferential(deps, campaign, setup.referential)
  return freezeVersion(deps, campaign, setup.version, input.atMs, 'campaign.close')
}

/**
 * Restates a closed campaign as a new version: recomputes it with the referential loaded now (which must be
 * `referential`), freezes the new results beside the old ones; the earlier version stays as it was.
 */
export async function restateCampaign(
  deps: Deps,
  input: { campaignYear: number | null; referential: string; note: string | null; atMs: number | null },
): Promise<{
  campaign: number
  version: number
  referential: string
  organisations: number
  climateKgCo2e: number
}> {
  requirePermission(deps, 'review-campaigns')
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const setup = await currentSetup(deps, campaign)
  if (setup.state !== 'closed')
    throw new AppError('conflict', `Campaign ${campaign.year} is still open: close it before restating it.`)
  // The new version is pinned to --referential (the default or an imported NAME@VERSION) before it is computed.
  const wanted = await resolveReferential(deps, input.referential)
  await deps.referentials.pin(campaign.id, wanted.text, input.atMs)
  const referential = await assertPinnedReferential(deps, campaign, wanted.text)
  await deps.campaigns.addSetup({
    ...setup,
    version: setup.version + 1,
    referential,
    state: 'open',
    openedMs: input.atMs,
    openedBy: actorName(deps),
    closedMs: null,
    closedBy: null,
    frozenReferential: null,
    note: input.note,
  })
  return freezeVersion(deps, campaign, setup.version + 1, input.atMs, 'campaign.restate')
}

async function freezeVersion(
  deps: Deps,
  campaign: Campaign,
  version: number,
  atMs: number | null,
  action: string,
): Promise<{
  campaign: number
  version: number
  referential: string
  organisations: number
  climateKgCo2e: number
}> {
  const computed = await computeCampaignFootprint(deps, { campaign, force: true })
  const summary = await deps.store.footprint(campaign.id, ['organisation', 'domain'])
  await deps.campaigns.saveFrozenResults(
    campaign.id,
    version,
    summary.breakdown.map((row) => ({
      path: row.keys.organisation!.split(SEPARATOR),
      domain: row.keys.domain!,
      quantity: row.quantity,
      climateKgCo2e: row.values['climate-change'] ?? 0,
    })),
  )
  const referential = await campaignReferentialId(deps, campaign)
  await deps.campaigns.closeSetup(campaign.id, version, {
    atMs,
    by: actorName(deps),
    frozenReferential: referential,
  })
  const organisations = new Set(summary.breakdown.map((row) => row.keys.organisation)).size
  const climateKgCo2e = summary.totals['climate-change'] ?? 0
  await recordAudit(deps, {
    action,
    target: String(campaign.year),
    organisation: null,
    details: { version, referential, climateKgCo2e, assets: computed.assets },
  })
  return { campaign: campaign.year, version, referential, organisations, climateKgCo2e }
}

/**
 * The campaign's referential id@version: the version it is pinned to (`referential use`, `campaign open
 * --referential`, `campaign restate --referential`; the latest pin wins), else the built-in default, which must then
 * be `wanted` (id@version, or the id alone).
 */
async function assertPinnedReferential(deps: Deps, campaign: Campaign, wanted: string): Promise<string> {
  const loaded = await campaignBaseReferential(deps, campaign)
  const current = `${loaded.id}@${loaded.version}`
  const isPinned = (await deps.referentials.pinned(campaign.id)) !== null
  if (!isPinned && wanted !== current && wanted !== loaded.id)
    throw new AppError(
      'conflict',
      `The campaign is pinned to referential ${wanted}, but ${current} is loaded; load ${wanted} again, or restate the campaign as a new version with --referential ${current}.`,
    )
  return current
}

async function previousCampaign(deps: Deps, campaign: Campaign): Promise<Campaign | null> {
  for (let year = campaign.year - 1; year >= campaign.year - 5; year--) {
    const found = await deps.store.findCampaign(year)
    if (found) return found
  }
  return null
}

function findOnBoard(board: CampaignBoard, text: string): BoardOrganisation {
  const folded = text.trim().toLowerCase()
  const matches = board.organisations.filter(
    (row) => row.path.toLowerCase() === folded || row.code.toLowerCase() === folded,
  )
  if (matches.length === 1) return matches[0]!
  if (matches.length === 0)
    throw new AppError(
      'not_found',
      `"${text}" is not an organisation of campaign ${board.campaign} (${board.perimeter}).`,
    )
  throw new AppError(
    'invalid_argument',
    `"${text}" names ${matches.length} organisations of the campaign; give the full path, e.g. "${matches[0]!.path}".`,
  )
}

function matchesFilter(row: BoardOrganisation, filter: StatusFilter | null): boolean {
  if (filter === null) return true
  if (filter === 'missing') return row.missing.length > 0
  if (filter === 'anomaly') return row.anomalies.length > 0
  if (filter === 'to-chase')
    return row.status === 'not-started' || row.status === 'collecting' || row.status === 'sent-back'
  return row.status === filter
}

const STATUS_ORDER: readonly OrganisationStatus[] = [
  'sent-back',
  'not-started',
  'collecting',
  'submitted',
  'validated',
  'closed',
]

function sortBoard(rows: BoardOrganisation[], sort: StatusSort): BoardOrganisation[] {
  const byCode = (left: BoardOrganisation, right: BoardOrganisation): number =>
    left.path < right.path ? -1 : left.path > right.path ? 1 : 0
  const compare: Record<StatusSort, (left: BoardOrganisation, right: BoardOrganisation) => number> = {
    code: byCode,
    // Worst first: the organisations to look at come on top.
    quality: (left, right) => left.qualityScore - right.qualityScore || byCode(left, right),
    status: (left, right) =>
      STATUS_ORDER.indexOf(left.status) - STATUS_ORDER.indexOf(right.status) || byCode(left, right),
    received: (left, right) =>
      left.sourcesReceived / left.sourcesExpected - right.sourcesReceived / right.sourcesExpected ||
      byCode(left, right),
    units: (left, right) => right.units - left.units || byCode(left, right),
  }
  return [...rows].sort(compare[sort])
}

/** Finds the member an organisation path belongs to (itself or its nearest member ancestor). */
function createMemberLookup(
  members: readonly CampaignMember[],
): (path: readonly string[]) => CampaignMember | null {
  const byPath = new Map(members.map((member) => [member.path.join(SEPARATOR), member]))
  return (path) => {
    for (let length = path.length; length > 0; length--) {
      const member = byPath.get(path.slice(0, length).join(SEPARATOR))
      if (member) return member
    }
    return null
  }
}

/**
 * Headcounts from the NumEcoEval entity records of the campaign (`nbCollaborateurs`), for members the headcounts
 * file gave none: an entity goes to the member its name names (the member's name or path, case and accents
 * ignored), else to the member its organisation falls under; a member's entities add up (its sites).
 */
function headcountsFromEntities(
  members: readonly CampaignMember[],
  memberOf: (path: readonly string[]) => CampaignMember | null,
  entities: readonly { name: string; staffCount: number | null; organisationPath: string[] }[],
): Map<number, number> {
  const byName = new Map<string, CampaignMember>()
  for (const member of members) {
    byName.set(foldText(member.path.join(SEPARATOR)), member)
    const code = foldText(member.path[member.path.length - 1]!)
    // A name two members share names neither.
    byName.set(code, byName.has(code) && byName.get(code) !== member ? NO_MEMBER : member)
  }
  const headcounts = new Map<number, number>()
  for (const entity of entities) {
    if (entity.staffCount === null) continue
    const named = byName.get(foldText(entity.name))
    const member = named !== undefined && named !== NO_MEMBER ? named : memberOf(entity.organisationPath)
    if (member === null) continue
    headcounts.set(member.organisationId, (headcounts.get(member.organisationId) ?? 0) + entity.staffCount)
  }
  return headcounts
}

const NO_MEMBER: CampaignMember = {
  organisationId: -1,
  path: [],
  headcount: null,
  contact: null,
  expected: [],
}

function addEvidence(
  total: OrganisationEvidence | undefined,
  row: OrganisationEvidence,
): OrganisationEvidence {
  if (total === undefined) return { ...row, inventoryUnitsByCategory: { ...row.inventoryUnitsByCategory } }
  for (const [category, units] of Object.entries(row.inventoryUnitsByCategory)) {
    const key = category as keyof OrganisationEvidence['inventoryUnitsByCategory']
    total.inventoryUnitsByCategory[key] = (total.inventoryUnitsByCategory[key] ?? 0) + units
  }
  const add = (
    key: Exclude<
      keyof OrganisationEvidence,
      'organisationId' | 'path' | 'inventoryUnitsByCategory' | 'unmatchedUnits' | 'lastUpload'
    >,
  ): void => {
    total[key] += row[key]
  }
  for (const key of [
    'purchaseUnits',
    'telemetryDevices',
    'units',
    'workstationUnits',
    'assets',
    'serialPresent',
    'purchaseDatePresent',
    'modelPresent',
    'imputedAssets',
    'implausibleAssets',
    'duplicateSerialAssets',
  ] as const)
    add(key)
  if (row.unmatchedUnits !== null) total.unmatchedUnits = (total.unmatchedUnits ?? 0) + row.unmatchedUnits
  if (row.lastUpload !== null) total.lastUpload = Math.max(total.lastUpload ?? 0, row.lastUpload)
  return total
}

const isUnder = (path: readonly string[], root: readonly string[]): boolean =>
  path.length >= root.length && root.every((name, index) => path[index] === name)

async function resolveOrganisationOrPath(deps: Deps, text: string): Promise<string[]> {
  try {
    return await resolveOrganisation(deps.store, text)
  } catch (error) {
    // A perimeter not in the tree yet (nothing imported): a path to create, when given with its root.
    if (error instanceof AppError && error.code === 'not_found')
      return text.split('>').map((part) => part.trim())
    throw error
  }
}

/** A member named by its own name: the existing organisation of that name under the perimeter, else a new child. */
async function memberPath(deps: Deps, perimeter: readonly string[], name: string): Promise<string[]> {
  const within = (await deps.store.findOrganisations(name)).filter((path) => isUnder(path, perimeter))
  if (within.length === 1) return within[0]!
  if (within.length > 1)
    throw new AppError(
      'invalid_argument',
      `"${name}" names ${within.length} organisations in the perimeter; give the full path, e.g. "${within[0]!.join(SEPARATOR)}".`,
    )
  return [...perimeter, name.trim()]
}
