/**
 * The collection-campaign tables (migration 8, docs/campaigns.md): setups and their versions, members,
 * review decisions, reminders, frozen results, and the per-organisation fingerprints that make a footprint
 * computation incremental.
 */
import { DOUBLE, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api'
import type {
  CampaignMember,
  CampaignSetup,
  CampaignStore,
  FrozenResult,
  NewCampaignMember,
  OrganisationEvidence,
  OrganisationUpload,
  ReviewRecord,
} from '../../app/campaign-ports.js'
import { WORKSTATION_CATEGORIES, type SourceKind } from '../../core/campaigns/expected-sources.js'
import type { CategoryId } from '../../core/inventory/categories.js'
import { ASSET_FIELDS } from '../../core/inventory/asset.js'
import type { ReviewDecision } from '../../core/campaigns/organisation-status.js'
import { appendRows, PATH_SEPARATOR, rows, toNumber, type Row } from './sql.js'

/**
 * Imputed fields that lower the board's quality score: all but the organisation, which an upload for one
 * organisation (`import --organisation`) sets on every row by design, not as a guess.
 */
const ALL_BUT_ORGANISATION = ~(1 << ASSET_FIELDS.indexOf('organisation')) & 0x7fffffff

/** The store's clock, for times the caller leaves to it: milliseconds since 1970. */
const NOW_MS = 'CAST(epoch_ms(current_timestamp) AS BIGINT)'
const kinds = (text: string): SourceKind[] => (text === '' ? [] : (text.split(',') as SourceKind[]))
const path = (value: unknown): string[] => (value as string).split(PATH_SEPARATOR)
const numberOrNull = (value: unknown): number | null => (value === null ? null : toNumber(value))
/** A list of integer ids written into SQL (node-api `run` takes no array parameter); numbers only. */
const idList = (ids: readonly number[]): string =>
  ids.length === 0 ? 'NULL' : ids.map((id) => String(Math.trunc(id))).join(', ')

/** The campaign workflow's store over the workspace connection. */
export function createDuckDbCampaignStore(connection: DuckDBConnection): CampaignStore {
  const ensureOrganisation = async (organisationPath: readonly string[]): Promise<number> => {
    const joined = organisationPath.join(PATH_SEPARATOR)
    const found = await rows(connection, 'SELECT id FROM organisation WHERE path = $1', [joined])
    if (found.length > 0) return toNumber(found[0]![0])
    const parentId =
      organisationPath.length > 1 ? await ensureOrganisation(organisationPath.slice(0, -1)) : null
    const [[next]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM organisation')) as [
      [number],
    ]
    await connection.run(
      'INSERT INTO organisation (id, parent_id, name, path, depth) VALUES ($1, $2, $3, $4, $5)',
      [
        toNumber(next),
        parentId,
        organisationPath[organisationPath.length - 1]!,
        joined,
        organisationPath.length,
      ],
    )
    return toNumber(next)
  }

  /** The campaign's state the evidence depends on: its assets revision and its computation (revision, referential). */
  const evidenceState = async (campaignId: number): Promise<string> => {
    const found = await rows(
      connection,
      `SELECT k.assets_revision, c.revision, c.referential FROM campaign k
       LEFT JOIN computation c ON c.campaign_id = k.id WHERE k.id = $1`,
      [campaignId],
    )
    const [assetsRevision, revision, referential] = found[0] ?? [null, null, null]
    return `${assetsRevision === null ? '' : toNumber(assetsRevision)}/${revision === null ? '' : toNumber(revision)}/${(referential as string | null) ?? ''}`
  }
  const storedEvidenceState = async (campaignId: number): Promise<string | null> => {
    const found = await rows(connection, 'SELECT state FROM campaign_evidence_state WHERE campaign_id = $1', [
      campaignId,
    ])
    return found.length === 0 ? null : (found[0]![0] as string)
  }

  /**
   * Counts the evidence of `organisationIds` (undefined: every organisation) into campaign_evidence: one scan
   * grouped by organisation, category and whether the row came from a purchase file. Source rows
   * (import_id <> 0) tell which sources arrived; the reconciled view in service gives the fleet. A serial is a
   * duplicate across the whole campaign, so an incremental count recounts every organisation's duplicates.
   */
  const countEvidence = async (
    campaignId: number,
    organisationIds: readonly number[] | undefined,
  ): Promise<void> => {
    const within =
      organisationIds === undefined ? '' : `AND a.organisation_id IN (${idList(organisationIds)})`
    const duplicate = `(SELECT serial FROM asset WHERE campaign_id = $1 AND serial IS NOT NULL
                        GROUP BY serial HAVING COUNT(*) > 1)`
    await connection.run('BEGIN TRANSACTION')
    try {
      await connection.run(
        `DELETE FROM campaign_evidence WHERE campaign_id = $1 ${within.replace('a.organisation_id', 'organisation_id')}`,
        [campaignId],
      )
      await connection.run(
        `INSERT INTO campaign_evidence
         SELECT $1, a.organisation_id, m.category, COALESCE(i.format = 'purchases', false),
                COALESCE(SUM(a.quantity) FILTER (WHERE a.import_id <> 0), 0),
                COALESCE(SUM(a.quantity) FILTER (WHERE a.merged_into IS NULL AND a.status <> 2), 0),
                COUNT(*) FILTER (WHERE a.merged_into IS NULL),
                COUNT(a.serial) FILTER (WHERE a.merged_into IS NULL),
                COUNT(a.purchase_day) FILTER (WHERE a.merged_into IS NULL),
                COUNT(m.model) FILTER (WHERE a.merged_into IS NULL),
                COUNT(*) FILTER (WHERE a.merged_into IS NULL AND (a.imputed & ${ALL_BUT_ORGANISATION}) <> 0),
                COUNT(*) FILTER (WHERE a.merged_into IS NULL AND (a.purchase_day > c.reference_day
                                 OR c.reference_day - a.purchase_day > 15 * 365.25)),
                COUNT(*) FILTER (WHERE a.merged_into IS NULL AND d.serial IS NOT NULL),
                COALESCE(SUM(a.quantity) FILTER (WHERE a.merged_into IS NULL AND a.status <> 2
                                                 AND r.matched_by = 'category-default'), 0),
                COUNT(r.model_id),
                COALESCE(MAX(a.import_id), 0),
                0
         FROM asset a JOIN model m ON m.id = a.model_id JOIN campaign c ON c.id = a.campaign_id
         LEFT JOIN import i ON i.id = a.import_id
         LEFT JOIN model_result r ON r.campaign_id = a.campaign_id AND r.model_id = a.model_id
         LEFT JOIN ${duplicate} d ON d.serial = a.serial
         WHERE a.campaign_id = $1 ${within} GROUP BY 2, 3, 4`,
        [campaignId],
      )
      await connection.run(
        `INSERT INTO campaign_evidence
         SELECT $1, a.organisation_id, NULL, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*)
         FROM asset_usage a WHERE a.campaign_id = $1 ${within} GROUP BY 2`,
        [campaignId],
      )
      if (organisationIds !== undefined) {
        await connection.run(
          'UPDATE campaign_evidence SET duplicate_serial_assets = 0 WHERE campaign_id = $1 AND duplicate_serial_assets <> 0',
          [campaignId],
        )
        await connection.run(
          `UPDATE campaign_evidence e SET duplicate_serial_assets = n.assets
           FROM (SELECT a.organisation_id, m.category, COALESCE(i.format = 'purchases', false) AS is_purchase,
                        COUNT(*) AS assets
                 FROM asset a JOIN ${duplicate} d ON d.serial = a.serial JOIN model m ON m.id = a.model_id
                 LEFT JOIN import i ON i.id = a.import_id
                 WHERE a.campaign_id = $1 AND a.merged_into IS NULL GROUP BY 1, 2, 3) n
           WHERE e.campaign_id = $1 AND e.organisation_id = n.organisation_id AND e.category = n.category
             AND e.is_purchase = n.is_purchase`,
          [campaignId],
        )
      }
      await connection.run('DELETE FROM campaign_evidence_state WHERE campaign_id = $1', [campaignId])
      await connection.run('INSERT INTO campaign_evidence_state VALUES ($1, $2)', [
        campaignId,
        await evidenceState(campaignId),
      ])
      await connection.run('COMMIT')
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  return {
    async setups(campaignId) {
      const found = await rows(
        connection,
        `SELECT campaign_id, version, perimeter, referential, expected, state, opened_ms, opened_by, closed_ms,
                closed_by, frozen_referential, note
         FROM campaign_setup WHERE campaign_id = $1 ORDER BY version`,
        [campaignId],
      )
      return found.map((row): CampaignSetup => ({
        campaignId: toNumber(row[0]),
        version: toNumber(row[1]),
        perimeter: path(row[2]),
        referential: row[3] as string,
        expected: kinds(row[4] as string),
        state: row[5] as 'open' | 'closed',
        openedMs: toNumber(row[6]),
        openedBy: row[7] as string,
        closedMs: numberOrNull(row[8]),
        closedBy: row[9] as string | null,
        frozenReferential: row[10] as string | null,
        note: row[11] as string | null,
      }))
    },

    async addSetup(setup) {
      await connection.run(
        `INSERT INTO campaign_setup VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, ${NOW_MS}), $8, $9, $10, $11, $12)`,
        [
          setup.campaignId,
          setup.version,
          setup.perimeter.join(PATH_SEPARATOR),
          setup.referential,
          setup.expected.join(','),
          setup.state,
          setup.openedMs,
          setup.openedBy,
          setup.closedMs,
          setup.closedBy,
          setup.frozenReferential,
          setup.note,
        ],
      )
    },

    async closeSetup(campaignId, version, closed) {
      await connection.run(
        `UPDATE campaign_setup SET state = 'closed', closed_ms = COALESCE($3, ${NOW_MS}), closed_by = $4, frozen_referential = $5
         WHERE campaign_id = $1 AND version = $2`,
        [campaignId, version, closed.atMs, closed.by, closed.frozenReferential],
      )
    },

    async setMembers(campaignId, members: readonly NewCampaignMember[]) {
      await connection.run('BEGIN TRANSACTION')
      try {
        await connection.run('DELETE FROM campaign_member WHERE campaign_id = $1', [campaignId])
        const values: Row[] = []
        for (const member of members) {
          values.push([
            campaignId,
            await ensureOrganisation(member.path),
            member.headcount,
            member.contact,
            member.expected.join(','),
          ])
        }
        await appendRows(connection, 'campaign_member', [INTEGER, INTEGER, DOUBLE, VARCHAR, VARCHAR], values)
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    },

    async members(campaignId) {
      const found = await rows(
        connection,
        `SELECT m.organisation_id, o.path, m.headcount, m.contact, m.expected
         FROM campaign_member m JOIN organisation o ON o.id = m.organisation_id
         WHERE m.campaign_id = $1 ORDER BY o.path`,
        [campaignId],
      )
      return found.map((row): CampaignMember => ({
        organisationId: toNumber(row[0]),
        path: path(row[1]),
        headcount: numberOrNull(row[2]),
        contact: row[3] as string | null,
        expected: kinds(row[4] as string),
      }))
    },

    async childrenOf(root) {
      const found = await rows(
        connection,
        `SELECT c.path FROM organisation p JOIN organisation c ON c.parent_id = p.id WHERE p.path = $1 ORDER BY c.path`,
        [root.join(PATH_SEPARATOR)],
      )
      return found.map((row) => path(row[0]))
    },

    async organisationEvidence(campaignId) {
      // Counted when a computation runs (refreshOrganisationEvidence); counted again in full when the
      // campaign changed since (an import not computed yet, a campaign never computed, a workspace upgraded).
      if ((await storedEvidenceState(campaignId)) !== (await evidenceState(campaignId)))
        await countEvidence(campaignId, undefined)
      const [found, organisations] = await Promise.all([
        rows(
          connection,
          `SELECT organisation_id, category, is_purchase, source_units, units, assets, serial_present,
                  purchase_date_present, model_present, imputed_assets, implausible_assets, duplicate_serial_assets,
                  unmatched_units, result_models, last_upload, telemetry_devices
           FROM campaign_evidence WHERE campaign_id = $1`,
          [campaignId],
        ),
        rows(connection, 'SELECT id, path FROM organisation'),
      ])
      const paths = new Map(organisations.map((row) => [toNumber(row[0]), path(row[1])]))
      const byOrganisation = new Map<number, OrganisationEvidence>()
      const evidenceOf = (organisationId: number): OrganisationEvidence => {
        let evidence = byOrganisation.get(organisationId)
        if (!evidence) {
          evidence = {
            organisationId,
            path: paths.get(organisationId) ?? [],
            inventoryUnitsByCategory: {},
            purchaseUnits: 0,
            telemetryDevices: 0,
            units: 0,
            workstationUnits: 0,
            assets: 0,
            serialPresent: 0,
            purchaseDatePresent: 0,
            modelPresent: 0,
            imputedAssets: 0,
            implausibleAssets: 0,
            duplicateSerialAssets: 0,
            unmatchedUnits: null,
            lastUpload: null,
          }
          byOrganisation.set(organisationId, evidence)
        }
        return evidence
      }
      const isWorkstation = new Set<string>(WORKSTATION_CATEGORIES)
      for (const row of found) {
        const evidence = evidenceOf(toNumber(row[0]))
        if (row[1] === null) {
          evidence.telemetryDevices += toNumber(row[15])
          continue
        }
        const category = row[1] as CategoryId
        const sourceUnits = toNumber(row[3])
        if (row[2] === true) evidence.purchaseUnits += sourceUnits
        else
          evidence.inventoryUnitsByCategory[category] =
            (evidence.inventoryUnitsByCategory[category] ?? 0) + sourceUnits
        const units = toNumber(row[4])
        evidence.units += units
        if (isWorkstation.has(category)) evidence.workstationUnits += units
        evidence.assets += toNumber(row[5])
        evidence.serialPresent += toNumber(row[6])
        evidence.purchaseDatePresent += toNumber(row[7])
        evidence.modelPresent += toNumber(row[8])
        evidence.imputedAssets += toNumber(row[9])
        evidence.implausibleAssets += toNumber(row[10])
        evidence.duplicateSerialAssets += toNumber(row[11])
        if (toNumber(row[13]) > 0)
          evidence.unmatchedUnits = (evidence.unmatchedUnits ?? 0) + toNumber(row[12])
        const lastUpload = toNumber(row[14])
        if (lastUpload > 0) evidence.lastUpload = Math.max(evidence.lastUpload ?? 0, lastUpload)
      }
      return [...byOrganisation.values()]
    },

    async refreshOrganisationEvidence(campaignId, organisationIds, previous) {
      const basis =
        previous === null
          ? null
          : `${previous.computedRevision}/${previous.computedRevision}/${previous.referential}`
      const isCurrent = basis !== null && (await storedEvidenceState(campaignId)) === basis
      await countEvidence(campaignId, isCurrent ? organisationIds : undefined)
    },

    async uploads(campaignId) {
      const found = await rows(
        connection,
        `SELECT organisation_path, MAX(id), SUM(rows_quarantined) FILTER (WHERE replaced_by IS NULL)
         FROM import WHERE campaign_id = $1 AND organisation_path IS NOT NULL GROUP BY 1`,
        [campaignId],
      )
      return found.map((row): OrganisationUpload => ({
        organisationPath: path(row[0]),
        lastUpload: toNumber(row[1]),
        rowsQuarantined: toNumber(row[2] ?? 0),
      }))
    },

    async lastImportId() {
      const [[last]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) FROM import')) as [[number]]
      return toNumber(last)
    },

    async addReview(campaignId, review) {
      await connection.run(
        `INSERT INTO campaign_review VALUES ($1, $2, $3, $4, $5, COALESCE($6, ${NOW_MS}), $7)`,
        [
          campaignId,
          review.organisationId,
          review.decision,
          review.comment,
          review.actor,
          review.atMs,
          review.afterUpload,
        ],
      )
    },

    async reviews(campaignId) {
      const found = await rows(
        connection,
        `SELECT r.organisation_id, o.path, r.decision, r.comment, r.actor, r.at_ms, r.after_import
         FROM campaign_review r JOIN organisation o ON o.id = r.organisation_id
         WHERE r.campaign_id = $1 ORDER BY r.at_ms, r.after_import`,
        [campaignId],
      )
      return found.map((row): ReviewRecord => ({
        organisationId: toNumber(row[0]),
        path: path(row[1]),
        decision: row[2] as ReviewDecision,
        comment: row[3] as string,
        actor: row[4] as string,
        atMs: toNumber(row[5]),
        afterUpload: toNumber(row[6]),
      }))
    },

    async addReminders(campaignId, reminders) {
      for (const reminder of reminders) {
        await connection.run(
          `INSERT INTO campaign_reminder VALUES ($1, $2, $3, $4, $5, COALESCE($6, ${NOW_MS}))`,
          [
            campaignId,
            reminder.organisationId,
            reminder.address,
            reminder.status,
            reminder.error,
            reminder.atMs,
          ],
        )
      }
    },

    async saveFrozenResults(campaignId, version, results: readonly FrozenResult[]) {
      await connection.run('DELETE FROM campaign_result WHERE campaign_id = $1 AND version = $2', [
        campaignId,
        version,
      ])
      const values: Row[] = []
      for (const result of results) {
        values.push([
          campaignId,
          version,
          await ensureOrganisation(result.path),
          result.domain,
          result.quantity,
          result.climateKgCo2e,
        ])
      }
      await appendRows(
        connection,
        'campaign_result',
        [INTEGER, INTEGER, INTEGER, VARCHAR, DOUBLE, DOUBLE],
        values,
      )
    },

    async frozenResults(campaignId, version) {
      const found = await rows(
        connection,
        `SELECT o.path, r.domain, r.quantity, r.climate_kgco2e FROM campaign_result r
         JOIN organisation o ON o.id = r.organisation_id
         WHERE r.campaign_id = $1 AND r.version = $2 ORDER BY o.path, r.domain`,
        [campaignId, version],
      )
      return found.map((row) => ({
        path: path(row[0]),
        domain: row[1] as string,
        quantity: toNumber(row[2]),
        climateKgCo2e: toNumber(row[3]),
      }))
    },

    async organisationSignatures(campaignId) {
      // Reconciled rows (import 0) are rebuilt with new ids by every reconciliation pass: their content
      // counts, not their id; a merged source row counts only as merged. Serial and imputed fields are not
      // footprint inputs but are counted on the board (campaign_evidence, refreshed for the same organisations).
      const [assets, datacenters] = await Promise.all([
        rows(
          connection,
          `SELECT a.organisation_id,
                  CAST(SUM(hash(CASE WHEN a.import_id = 0 THEN 0 ELSE a.id END, a.merged_into IS NULL, a.model_id,
                    a.quantity, a.purchase_day, a.retirement_day, a.lifetime_years, a.annual_kwh, a.utilisation_rate,
                    a.ownership, a.country_id, a.datacenter, a.site_id, a.domain, a.status,
                    u.powered_hours_per_year, a.serial, a.imputed)) AS VARCHAR) || ':' || COUNT(*)
           FROM asset a LEFT JOIN asset_usage u ON u.campaign_id = a.campaign_id AND u.asset_id = a.id
           WHERE a.campaign_id = $1 GROUP BY 1`,
          [campaignId],
        ),
        rows(
          connection,
          `SELECT CAST(COALESCE(SUM(hash(short_name, pue, country)), 0) AS VARCHAR) || ':' || COUNT(*)
           FROM datacenter WHERE campaign_id = $1`,
          [campaignId],
        ),
      ])
      const signatures = new Map<number, string>()
      for (const row of assets) signatures.set(toNumber(row[0]), row[1] as string)
      signatures.set(-1, datacenters[0]![0] as string)
      return signatures
    },

    async computedSignatures(campaignId) {
      const found = await rows(
        connection,
        'SELECT organisation_id, signature FROM computation_organisation WHERE campaign_id = $1',
        [campaignId],
      )
      return new Map(found.map((row) => [toNumber(row[0]), row[1] as string]))
    },

    async saveComputedSignatures(campaignId, signatures) {
      await connection.run('BEGIN TRANSACTION')
      try {
        await connection.run('DELETE FROM computation_organisation WHERE campaign_id = $1', [campaignId])
        await appendRows(
          connection,
          'computation_organisation',
          [INTEGER, INTEGER, VARCHAR],
          [...signatures].map(([organisationId, signature]) => [campaignId, organisationId, signature]),
        )
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    },

    async modelIdsOf(campaignId, organisationIds) {
      if (organisationIds.length === 0) return []
      const found = await rows(
        connection,
        `SELECT DISTINCT model_id FROM asset
         WHERE campaign_id = $1 AND merged_into IS NULL AND organisation_id IN (${idList(organisationIds)})`,
        [campaignId],
      )
      return found.map((row) => toNumber(row[0]))
    },
  }
}

export { idList }
