/**
 * The status of one organisation in a collection campaign (docs/campaigns.md#statuses), derived from facts
 * rather than stored, so it cannot disagree with the data:
 *
 *   not-started ──upload──▶ collecting ──all expected sources──▶ submitted ──validate──▶ validated
 *                               ▲   └──────────validate (partial data accepted)───────────▲
 *                               └──new upload── sent-back ◀──send back── (collecting | submitted | validated)
 *   any ──campaign closed──▶ closed
 *
 * A review decision holds until the organisation uploads again: an upload after a decision puts it back to
 * collecting or submitted, to be reviewed again.
 */

export const ORGANISATION_STATUSES = [
  'not-started',
  'collecting',
  'submitted',
  'validated',
  'sent-back',
  'closed',
] as const
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number]

export const REVIEW_DECISIONS = ['validate', 'send-back'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]

export type StatusFacts = {
  sourcesReceived: number
  sourcesExpected: number
  /** Sequence number (import id) of the organisation's latest upload; null when it has sent nothing. */
  lastUpload: number | null
  /** The latest review decision and the latest upload sequence number it saw, or null. */
  lastDecision: { decision: ReviewDecision; afterUpload: number } | null
  isCampaignClosed: boolean
}

/** The organisation's status from the facts (see the diagram above). */
export function organisationStatus(facts: StatusFacts): OrganisationStatus {
  if (facts.isCampaignClosed) return 'closed'
  const decision = facts.lastDecision
  const isDecisionCurrent =
    decision !== null && (facts.lastUpload === null || facts.lastUpload <= decision.afterUpload)
  if (isDecisionCurrent) return decision.decision === 'validate' ? 'validated' : 'sent-back'
  if (facts.sourcesReceived === 0) return 'not-started'
  return facts.sourcesReceived >= facts.sourcesExpected ? 'submitted' : 'collecting'
}

/**
 * Why a decision cannot be taken on an organisation in `status`, or null when it can: nothing to review
 * before the first upload, nothing to change once the campaign is closed.
 */
export function reviewRefusal(status: OrganisationStatus, decision: ReviewDecision): string | null {
  if (status === 'closed') return 'the campaign is closed; restate it as a new version to change its results'
  if (status === 'not-started') return 'the organisation has sent no data yet'
  if (status === 'validated' && decision === 'validate') return 'the organisation is already validated'
  if (status === 'sent-back' && decision === 'send-back')
    return 'the organisation was already sent back and has not uploaded since'
  return null
}
