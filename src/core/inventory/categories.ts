/** Canonical category and domain ids (ARCHITECTURE.md "Domain words"). */

export const CATEGORY_IDS = [
  'laptop',
  'desktop',
  'thin-client',
  'monitor',
  'smartphone',
  'tablet',
  'desk-phone',
  'printer',
  'network-switch',
  'router',
  'wifi-access-point',
  'server',
  'storage',
  'virtual-machine',
  'other',
] as const
export type CategoryId = (typeof CATEGORY_IDS)[number]

export const DOMAIN_IDS = [
  'workstations',
  'datacenters',
  'network',
  'telephony',
  'printing',
  'cloud',
] as const
export type DomainId = (typeof DOMAIN_IDS)[number]

export const PHASE_IDS = ['manufacturing', 'distribution', 'use', 'end-of-life'] as const
export type PhaseId = (typeof PHASE_IDS)[number]

const CATEGORY_SET: ReadonlySet<string> = new Set(CATEGORY_IDS)

/** True when `text` is one of the canonical category ids. */
export function isCategoryId(text: string): text is CategoryId {
  return CATEGORY_SET.has(text)
}

/**
 * The domain an asset counts in. Anything hosted in a datacenter counts in "datacenters";
 * otherwise the category decides.
 */
export function domainOf(category: CategoryId, isInDatacenter: boolean): DomainId {
  if (isInDatacenter) return 'datacenters'
  switch (category) {
    case 'laptop':
    case 'desktop':
    case 'thin-client':
    case 'monitor':
    case 'tablet':
    case 'other':
      return 'workstations'
    case 'smartphone':
    case 'desk-phone':
      return 'telephony'
    case 'printer':
      return 'printing'
    case 'network-switch':
    case 'router':
    case 'wifi-access-point':
      return 'network'
    case 'server':
    case 'storage':
    case 'virtual-machine':
      return 'datacenters'
  }
}
