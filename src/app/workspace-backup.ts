import { AppError } from './errors.js'
import { getFootprint } from './get-footprint.js'
import type { Deps, WorkspaceBackup } from './ports.js'

export type BackupManifest = {
  engine: string
  /** SHA-256 of the footprint (latest campaign, by organisation × category) as JSON; null: no campaign yet. */
  footprintSha256: string | null
  campaign: number | null
  assets: number
  createdAtMs: number
}

function backupPort(deps: Deps): WorkspaceBackup {
  if (deps.backup === undefined)
    throw new AppError('not_available', `Backup is not available on the ${deps.store.engine} engine.`)
  return deps.backup
}

/**
 * The fingerprint a restore is checked against: the footprint of the latest campaign by organisation and
 * category (computed first if the inventory changed), as JSON with figures at 9 significant digits, through SHA-256.
 */
export async function footprintFingerprint(
  deps: Deps,
): Promise<{ footprintSha256: string | null; campaign: number | null; assets: number }> {
  const campaign = await deps.store.latestCampaign()
  if (campaign === null) return { footprintSha256: null, campaign: null, assets: 0 }
  const report = await getFootprint(deps, {
    campaignYear: campaign.year,
    by: ['organisation', 'category'],
    organisation: null,
  })
  // DuckDB sums in parallel, so the last bits of a float may change between two runs on the same data (about
  // 1e-14 relative): hashed at 12 significant digits, one of the report's hundreds of figures sometimes fell on
  // the other side of a rounding boundary. At 9 digits that happens about once in a thousand restores, and a
  // lost or changed row still moves a figure far more than 1e-9.
  // Keys are sorted too: per-criterion objects are built in the order the database returns their rows.
  const text = JSON.stringify(report, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value)
      ? Number(value.toPrecision(9))
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
  )
  return { footprintSha256: deps.secrets.digest(text), campaign: campaign.year, assets: report.assets }
}

/** Writes the whole workspace to `file`, with a manifest holding the footprint's checksum. */
export async function backupWorkspace(
  deps: Deps,
  input: { file: string; nowMs: number },
): Promise<BackupManifest & { file: string; bytes: number }> {
  const port = backupPort(deps)
  const manifest: BackupManifest = {
    engine: port.engine,
    ...(await footprintFingerprint(deps)),
    createdAtMs: input.nowMs,
  }
  const { bytes } = await port.backup(input.file, JSON.stringify(manifest, null, 2) + '\n')
  return { file: input.file, bytes, ...manifest }
}

/**
 * Replaces the workspace's contents with a backup's, then checks the footprint's checksum against the one the
 * backup recorded: a mismatch is an error (the restored data is left in place for inspection).
 */
export async function restoreWorkspace(
  deps: Deps,
  input: { file: string },
): Promise<{
  file: string
  footprintSha256: string | null
  campaign: number | null
  assets: number
  isVerified: boolean
}> {
  const { manifest } = await backupPort(deps).restore(input.file)
  const restored = await footprintFingerprint(deps)
  const expected = manifest === null ? null : (JSON.parse(manifest) as BackupManifest)
  if (expected !== null && expected.footprintSha256 !== restored.footprintSha256)
    throw new AppError(
      'conflict',
      `Restored from ${input.file}, but the footprint's checksum differs from the backup's ` +
        `(${restored.footprintSha256 ?? 'none'} ≠ ${expected.footprintSha256 ?? 'none'}).`,
    )
  return { file: input.file, ...restored, isVerified: expected !== null }
}
