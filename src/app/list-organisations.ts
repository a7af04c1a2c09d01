import { resolveCampaign } from './campaigns.js'
import { isJoinedPathVisible } from './access.js'
import type { Deps } from './ports.js'

/** One node of the organisation tree, listed depth-first (parents before their children). */
export type OrganisationNode = {
  /** Full path, "CNAM > CPAM Rhône > Site Lyon 3": the key other routes accept as `organisation`. */
  path: string
  name: string
  parent: string | null
  /** 0 for a root. */
  depth: number
  /** Inventory lines attached to this node itself. */
  assets: number
  /** Inventory lines of this node and everything below it. */
  totalAssets: number
  children: number
}

export type OrganisationList = {
  campaign: number
  items: OrganisationNode[]
  total: number
  limit: number
  offset: number
}

const SEPARATOR = ' > '

/**
 * The organisation tree of a campaign (every organisation holding assets, and its ancestors), flattened
 * depth-first with names in alphabetical order, one page at a time.
 */
export async function listOrganisations(
  deps: Deps,
  input: { campaignYear: number | null; limit: number; offset: number },
): Promise<OrganisationList> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const rows = await deps.store.qualityByOrganisation(campaign.id)
  // An actor limited to a subtree sees that subtree only (not its ancestors, nor its siblings).
  const nodes = buildTree(
    rows.map((row) => ({ path: row.organisation.split(SEPARATOR), assets: row.assets })),
  ).filter((node) => isJoinedPathVisible(deps, node.path))
  return {
    campaign: campaign.year,
    items: nodes.slice(input.offset, input.offset + input.limit),
    total: nodes.length,
    limit: input.limit,
    offset: input.offset,
  }
}

type TreeNode = { name: string; path: string[]; assets: number; children: Map<string, TreeNode> }

function buildTree(entries: { path: string[]; assets: number }[]): OrganisationNode[] {
  const root: TreeNode = { name: '', path: [], assets: 0, children: new Map() }
  for (const entry of entries) {
    let node = root
    for (const name of entry.path) {
      let child = node.children.get(name)
      if (!child)
        node.children.set(
          name,
          (child = { name, path: [...node.path, name], assets: 0, children: new Map() }),
        )
      node = child
    }
    node.assets += entry.assets
  }
  const flat: OrganisationNode[] = []
  const visit = (node: TreeNode): number => {
    const own: OrganisationNode = {
      path: node.path.join(SEPARATOR),
      name: node.name,
      parent: node.path.length > 1 ? node.path.slice(0, -1).join(SEPARATOR) : null,
      depth: node.path.length - 1,
      assets: node.assets,
      totalAssets: node.assets,
      children: node.children.size,
    }
    flat.push(own)
    for (const child of sortedChildren(node)) own.totalAssets += visit(child)
    return own.totalAssets
  }
  for (const child of sortedChildren(root)) visit(child)
  return flat
}

function sortedChildren(node: TreeNode): TreeNode[] {
  return [...node.children.values()].sort((left, right) => left.name.localeCompare(right.name, 'fr'))
}
