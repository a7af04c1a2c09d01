import type { CategoryId } from '../core/inventory/categories.js'
import type { RuleApplications } from '../core/harmonise/mapping-rules.js'
import type { WorkspaceStore } from './ports.js'

/**
 * The source an import's rows belong to when the user names none: the format, plus the category a file name
 * hints. GLPI exports one kind of device per file ("ordinateurs.csv", "moniteurs.csv"): re-importing the
 * monitors of an organisation must not remove its computers.
 */
export function defaultSource(
  formatId: string,
  categoryHint: CategoryId | null,
  cloudExport: string | null = null,
): string {
  // A cloud file: the provider whose own export it is ("cloud-usage:aws"), so AWS and Azure exports are two sources.
  const qualifier = cloudExport ?? categoryHint
  return qualifier === null ? formatId : `${formatId}:${qualifier}`
}

/** Sentences for the import report: which mapping rules changed how many rows. */
export async function describeRules(
  store: WorkspaceStore,
  applications: RuleApplications,
): Promise<string[]> {
  if (applications.size === 0) return []
  const patterns = new Map((await store.listMappingRules()).map((rule) => [rule.id, rule.pattern]))
  return [...applications]
    .sort(([leftId, left], [rightId, right]) => right - left || leftId - rightId)
    .map(([id, rows]) => `mapping rule ${id} "${patterns.get(id) ?? '?'}" applied to ${rows} row(s)`)
}
