/**
 * What an import does to earlier ones when it commits (same transaction):
 * - incremental re-import: with an organisation, the rows of that organisation (and below) from earlier imports
 *   of the same source (assets and NumEcoEval records alike) are deleted; earlier imports made for that organisation (or below) are marked replaced;
 * - corrected quarantine file: the quarantined rows it corrects leave the quarantine of their import.
 */
import type { NewImport } from '../../app/ports.js'
import { PATH_SEPARATOR, rows, run, toNumber, type Sql } from './sql.js'

/** A SQL list literal of integers (validated: only integers reach the SQL text). */
function integerList(values: readonly number[]): string {
  return `(${values.map((value) => String(Math.trunc(Number(value)))).join(', ')})`
}

/** Tables of records other than assets that an import writes, keyed by campaign, import and organisation. */
const RECORD_TABLES = [
  'datacenter',
  'virtual_equipment',
  'application',
  'non_it_operation',
  'messaging',
  'entity',
  'cloud_usage',
  'cloud_emissions',
] as const

export type ReplacementCounts = {
  replacedImports: number[]
  deletedAssets: number
  resolvedQuarantine: number
}

/** Applies the import's replacements; call after the import row is inserted, before COMMIT. */
export async function applyReplacements(
  connection: Sql,
  meta: NewImport,
  importId: number,
): Promise<ReplacementCounts> {
  const counts: ReplacementCounts = { replacedImports: [], deletedAssets: 0, resolvedQuarantine: 0 }
  const source = meta.source ?? meta.format
  await run(connection, 'UPDATE import SET source = $1 WHERE id = $2', [source, importId])
  if (
    meta.replaceOrganisationRows === true &&
    meta.organisationPath !== null &&
    meta.organisationPath.length > 0
  ) {
    const path = meta.organisationPath.join(PATH_SEPARATOR)
    const earlier = `SELECT id FROM import WHERE campaign_id = $1 AND COALESCE(source, format) = $2 AND id <> $3
                     AND replaced_by IS NULL`
    const subtree = `SELECT id FROM organisation WHERE path = $4::text OR starts_with(path, $4::text || '${PATH_SEPARATOR}')`
    const parameters = [meta.campaignId, source, importId, path]
    const [[deleted]] = (await rows(
      connection,
      `SELECT COUNT(*) FROM asset WHERE campaign_id = $1 AND import_id IN (${earlier}) AND organisation_id IN (${subtree})`,
      parameters,
    )) as [[number]]
    counts.deletedAssets = toNumber(deleted)
    await run(
      connection,
      `DELETE FROM asset WHERE campaign_id = $1 AND import_id IN (${earlier}) AND organisation_id IN (${subtree})`,
      parameters,
    )
    // NumEcoEval / G4IT records of the same source (datacenters, VMs, applications, non-IT, messaging, entities).
    for (const table of RECORD_TABLES) {
      await run(
        connection,
        `DELETE FROM ${table} WHERE campaign_id = $1 AND import_id IN (${earlier}) AND organisation_id IN (${subtree})`,
        parameters,
      )
    }
    const replaced = await rows(
      connection,
      `SELECT id FROM import WHERE id IN (${earlier})
       AND (organisation_path = $4 OR starts_with(organisation_path, $4::text || '${PATH_SEPARATOR}'))`,
      parameters,
    )
    counts.replacedImports = replaced.map(([id]) => toNumber(id))
    if (counts.replacedImports.length > 0) {
      const ids = integerList(counts.replacedImports)
      await run(connection, `UPDATE import SET replaced_by = $1 WHERE id IN ${ids}`, [importId])
      for (const table of ['quarantine', 'finding']) {
        await run(connection, `DELETE FROM ${table} WHERE import_id IN ${ids}`)
      }
    }
    await run(
      connection,
      'DELETE FROM asset_usage WHERE campaign_id = $1 AND asset_id NOT IN (SELECT id FROM asset WHERE campaign_id = $1)',
      [meta.campaignId],
    )
  }
  if (meta.corrects !== undefined && meta.corrects.lines.length > 0) {
    const { importId: corrected, lines } = meta.corrects
    const [[resolved]] = (await rows(
      connection,
      `SELECT COUNT(*) FROM quarantine WHERE import_id = $1 AND line IN ${integerList(lines)}`,
      [corrected],
    )) as [[number]]
    counts.resolvedQuarantine = toNumber(resolved)
    for (const table of ['quarantine', 'finding']) {
      await run(connection, `DELETE FROM ${table} WHERE import_id = $1 AND line IN ${integerList(lines)}`, [
        corrected,
      ])
    }
    await run(
      connection,
      // The corrected rows are now read (and accepted or quarantined again) by the correcting import.
      'UPDATE import SET rows_quarantined = rows_quarantined - $2, rows_read = rows_read - $2 WHERE id = $1',
      [corrected, counts.resolvedQuarantine],
    )
  }
  return counts
}
