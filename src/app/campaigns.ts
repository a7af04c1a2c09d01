import { AppError } from './errors.js'
import type { Campaign, WorkspaceStore } from './ports.js'

/** Day number of 31 December of `year` (the campaign's reference date, where NumEcoEval uses "now"). */
export function endOfYearDay(year: number): number {
  return Date.UTC(year, 11, 31) / 86_400_000
}

/** The campaign named by `year`, or the latest one; a clear error when the workspace has none. */
export async function resolveCampaign(store: WorkspaceStore, year: number | null): Promise<Campaign> {
  const campaign = year === null ? await store.latestCampaign() : await store.findCampaign(year)
  if (campaign) return campaign
  throw new AppError(
    'no_campaign',
    year === null
      ? 'This workspace has no campaign yet: import an inventory first (empreinte import FILE) or build the demo (empreinte demo).'
      : `This workspace has no campaign ${year}.`,
  )
}

/** Resolves an organisation given by name or full path ("CNAM > CPAM Rhône"); refuses ambiguous names. */
export async function resolveOrganisation(store: WorkspaceStore, text: string): Promise<string[]> {
  const paths = await store.findOrganisations(text)
  if (paths.length === 1) return paths[0]!
  if (paths.length === 0)
    throw new AppError('not_found', `No organisation named "${text}" in this workspace.`)
  throw new AppError(
    'invalid_argument',
    `"${text}" names ${paths.length} organisations; give the full path, e.g. "${paths[0]!.join(' > ')}".`,
  )
}
