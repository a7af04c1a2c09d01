/**
 * The referentials a workspace knows: the built-in default (`empreinte-default@1.1.0`) and the NumEcoEval / G4IT
 * versions imported with `empreinte referential import` (`NAME@VERSION`). Resolves a text to one of them and
 * gives the referential a campaign is pinned to (docs/referentials.md).
 */
import { referentialFromG4itTables } from '../core/referential/g4it-referential.js'
import type { Referential } from '../core/referential/referential.js'
import type { NeReferential } from '../core/numecoeval/referential-tables.js'
import { AppError } from './errors.js'
import type { Campaign, Deps, ReferentialVersionStore, StoredReferentialVersion } from './ports.js'

export type ResolvedReferential =
  | { kind: 'default'; text: string; referential: Referential }
  | { kind: 'imported'; text: string; referential: Referential; stored: StoredReferentialVersion }

/** Imported versions never change once stored: their adapted referential is kept per store and version id. */
const adapted = new WeakMap<ReferentialVersionStore, Map<number, { tables: NeReferential; referential: Referential }>>()

/** The tables of an imported version and the empreinte referential built from them (cached). */
export async function importedReferential(
  deps: Deps,
  stored: StoredReferentialVersion,
): Promise<{ tables: NeReferential; referential: Referential }> {
  let cache = adapted.get(deps.referentials)
  if (cache === undefined) {
    cache = new Map()
    adapted.set(deps.referentials, cache)
  }
  const hit = cache.get(stored.id)
  if (hit !== undefined) return hit
  const tables = await deps.referentials.tables(stored.id)
  const referential = referentialFromG4itTables(
    tables,
    { id: stored.name, version: stored.version },
    await deps.referential.load(),
  )
  const entry = { tables, referential }
  cache.set(stored.id, entry)
  return entry
}

/**
 * `text` as a referential: the default's id or id@version, or an imported `NAME@VERSION` (or `NAME` alone: its
 * latest version). A clear error lists what exists otherwise.
 */
export async function resolveReferential(deps: Deps, text: string): Promise<ResolvedReferential> {
  const wanted = text.trim()
  const base = await deps.referential.load()
  const defaultText = `${base.id}@${base.version}`
  if (wanted === defaultText || wanted === base.id || wanted === 'default')
    return { kind: 'default', text: defaultText, referential: base }
  const at = wanted.lastIndexOf('@')
  const name = at < 0 ? wanted : wanted.slice(0, at)
  const version = at < 0 ? null : wanted.slice(at + 1)
  const versions = await deps.referentials.list()
  const matching = versions.filter((entry) => entry.name === name && (version === null || entry.version === version))
  const stored = matching[matching.length - 1]
  if (stored === undefined) {
    const known = [defaultText, ...versions.map((entry) => `${entry.name}@${entry.version}`)]
    throw new AppError(
      'not_found',
      `Referential "${wanted}" is neither the built-in default nor an imported version (known: ${known.join(', ')}); ` +
        'import it with empreinte referential import FILE…|DIR --name NAME --version V.',
    )
  }
  const { referential } = await importedReferential(deps, stored)
  return { kind: 'imported', text: `${stored.name}@${stored.version}`, referential, stored }
}

/** The referential a campaign is computed with: the version it is pinned to, else the built-in default. */
export async function campaignBaseReferential(deps: Deps, campaign: Campaign | null): Promise<Referential> {
  const pinned = campaign === null ? null : await deps.referentials.pinned(campaign.id)
  if (pinned === null) return deps.referential.load()
  return (await resolveReferential(deps, pinned)).referential
}
