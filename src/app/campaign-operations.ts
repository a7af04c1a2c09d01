/**
 * The collection-campaign operations (docs/campaigns.md), merged into the one operation map of operations.ts
 * so the CLI and the HTTP API reach them alike.
 */
import { z } from 'zod'
import { REVIEW_DECISIONS } from '../core/campaigns/organisation-status.js'
import { readMemberDetails } from './campaign-headcounts.js'
import { publishCampaign, remindCampaign } from './campaign-publish.js'
import {
  campaignStatus,
  closeCampaign,
  openCampaign,
  restateCampaign,
  reviewOrganisation,
  STATUS_FILTERS,
  STATUS_SORTS,
} from './campaign-workflow.js'
import type { Deps } from './ports.js'

const campaignYear = z.number().int().min(1990).max(2100).nullable().default(null)
/** When the decision was taken (ms since 1970); null = the store's clock. Set by the CLI, never by HTTP clients. */
const atMs = z.number().int().nullable().default(null)

export const CAMPAIGN_INPUTS = {
  'campaign.open': z.object({
    year: z.number().int().min(1990).max(2100),
    perimeter: z.string().min(1),
    expect: z.string().min(1),
    referential: z.string().min(1).nullable().default(null),
    /** A headcounts file on the machine running the use case (CLI only). */
    headcountsFile: z.string().min(1).nullable().default(null),
    atMs,
  }),
  'campaign.status': z.object({
    campaignYear,
    filter: z.enum(STATUS_FILTERS).nullable().default(null),
    sort: z.enum(STATUS_SORTS).default('code'),
  }),
  'campaign.review': z.object({
    campaignYear,
    organisation: z.string().min(1),
    decision: z.enum(REVIEW_DECISIONS),
    comment: z.string().max(4000).default(''),
    atMs,
  }),
  'campaign.close': z.object({ campaignYear, atMs }),
  'campaign.restate': z.object({
    campaignYear,
    referential: z.string().min(1),
    note: z.string().max(4000).nullable().default(null),
    atMs,
  }),
  'campaign.publish': z.object({ campaignYear, directory: z.string().min(1) }),
  'campaign.remind': z.object({
    campaignYear,
    smtp: z.string().min(1).nullable().default(null),
    from: z.string().min(1).nullable().default(null),
    isDryRun: z.boolean().default(false),
    atMs,
  }),
} as const

type Input<Id extends keyof typeof CAMPAIGN_INPUTS> = z.infer<(typeof CAMPAIGN_INPUTS)[Id]>

export const CAMPAIGN_OPERATIONS = {
  'campaign.open': async (deps: Deps, input: Input<'campaign.open'>) =>
    openCampaign(deps, {
      ...input,
      members: input.headcountsFile === null ? [] : await readMemberDetails(deps, input.headcountsFile),
    }),
  'campaign.status': (deps: Deps, input: Input<'campaign.status'>) => campaignStatus(deps, input),
  'campaign.review': (deps: Deps, input: Input<'campaign.review'>) => reviewOrganisation(deps, input),
  'campaign.close': (deps: Deps, input: Input<'campaign.close'>) => closeCampaign(deps, input),
  'campaign.restate': (deps: Deps, input: Input<'campaign.restate'>) => restateCampaign(deps, input),
  'campaign.publish': (deps: Deps, input: Input<'campaign.publish'>) => publishCampaign(deps, input),
  'campaign.remind': (deps: Deps, input: Input<'campaign.remind'>) => remindCampaign(deps, input),
}
