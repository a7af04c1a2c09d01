/**
 * The campaign workflow store (setups, members, reviews, frozen results) is not ported to PostgreSQL yet. Its
 * writes fail with "not available on PostgreSQL yet"; its reads answer what such a workspace holds: no setup,
 * member, review, upload or frozen result. Incremental computation is off: no signatures are kept, so every
 * compute pass is a full pass (the results are the same, only slower on a large estate).
 */
import type { CampaignStore } from '../../app/campaign-ports.js'
import { notAvailableStore } from './not-available.js'
import { rows, toNumber, type Sql } from './sql.js'

export function createPostgresCampaignStore(sql: Sql): CampaignStore {
  const reads: Partial<CampaignStore> = {
    setups: async () => [],
    members: async () => [],
    reviews: async () => [],
    uploads: async () => [],
    organisationEvidence: async () => [],
    frozenResults: async () => [],
    organisationSignatures: async () => new Map(),
    computedSignatures: async () => new Map(),
    // Nothing kept: the next pass finds no signatures and computes everything again.
    saveComputedSignatures: async () => undefined,
    async lastImportId() {
      const [[id]] = (await rows(sql, 'SELECT COALESCE(MAX(id), 0) FROM import')) as [[unknown]]
      return toNumber(id)
    },
    async modelIdsOf(campaignId, organisationIds) {
      const found = await rows(
        sql,
        'SELECT DISTINCT model_id FROM asset WHERE campaign_id = $1 AND organisation_id = ANY($2::integer[]) ORDER BY 1',
        [campaignId, [...organisationIds]],
      )
      return found.map((row) => toNumber(row[0]))
    },
  }
  return Object.assign(notAvailableStore<CampaignStore>('campaigns'), reads)
}
