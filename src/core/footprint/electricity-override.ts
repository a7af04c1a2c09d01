/**
 * Electricity climate factors set by the user for an organisation (and everything below it) or a site, which
 * replace the country's grid factor in the use phase (docs/methodology/electricity.md):
 *   factor = site override ?? deepest organisation override ?? grid factor(country, campaign year)
 */
import type { Factor } from '../referential/referential.js'

/** One override as the workspace stores it. */
export type ElectricityOverride = {
  id: number
  /** Organisation path; empty for a site override valid in any organisation. */
  organisationPath: readonly string[]
  /** Site name (case-insensitive), or null for the whole organisation subtree. */
  site: string | null
  kgCo2ePerKwh: number
  source: string
}

const PATH_SEPARATOR = ' > '

/** The factor an override stands for, as traces show it. */
export function overrideFactor(override: ElectricityOverride): Factor {
  const scope =
    override.site === null
      ? `organisation "${override.organisationPath.join(PATH_SEPARATOR)}"`
      : `site "${override.site}"${override.organisationPath.length > 0 ? ` in "${override.organisationPath.join(PATH_SEPARATOR)}"` : ''}`
  return {
    id: `electricity-override/${override.id}/climate-change`,
    value: override.kgCo2ePerKwh,
    unit: 'kgCO2e/kWh',
    source: override.source,
    note: `Set by the user for ${scope}; replaces the country's grid factor.`,
  }
}

function isWithin(path: string, ancestor: string): boolean {
  return ancestor === '' || path === ancestor || path.startsWith(ancestor + PATH_SEPARATOR)
}

/**
 * A lookup from (organisation path joined with " > ", site name) to the override that applies, or null.
 * A site override beats an organisation one; among several, the deepest organisation wins.
 */
export function createOverrideResolver(
  overrides: readonly ElectricityOverride[],
): (organisationPath: string, site: string | null) => Factor | null {
  const entries = overrides
    .map((override) => ({
      path: override.organisationPath.join(PATH_SEPARATOR),
      site: override.site?.toLowerCase() ?? null,
      // Site overrides first, then deeper organisations first.
      rank: (override.site === null ? 0 : 1000) + override.organisationPath.length,
      factor: overrideFactor(override),
    }))
    .sort((left, right) => right.rank - left.rank)
  const cache = new Map<string, Factor | null>()
  return (organisationPath, site) => {
    const key = `${organisationPath}\u0000${site ?? ''}`
    const cached = cache.get(key)
    if (cached !== undefined) return cached
    const lowerSite = site?.toLowerCase() ?? null
    const found =
      entries.find(
        (entry) =>
          isWithin(organisationPath, entry.path) && (entry.site === null || entry.site === lowerSite),
      )?.factor ?? null
    cache.set(key, found)
    return found
  }
}

/** A short text that changes whenever an override changes (results computed with other overrides are stale). */
export function overridesFingerprint(overrides: readonly ElectricityOverride[]): string {
  if (overrides.length === 0) return ''
  const text = [...overrides]
    .sort((left, right) => left.id - right.id)
    .map(
      (entry) =>
        `${entry.organisationPath.join(PATH_SEPARATOR)}|${entry.site ?? ''}|${entry.kgCo2ePerKwh}|${entry.source}`,
    )
    .join('\n')
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `electricity.${overrides.length}.${hash.toString(16).padStart(8, '0')}`
}
