/**
 * The sources a collection campaign expects from each organisation (docs/campaigns.md#expected-sources).
 * A source kind is received when the organisation's data holds the evidence named here: units of its
 * categories from an inventory import (not a purchase file), units from a purchase file, or devices with
 * measured usage (telemetry).
 */
import type { CategoryId } from '../inventory/categories.js'

export const SOURCE_KINDS = [
  'computers',
  'monitors',
  'phones',
  'printers',
  'servers',
  'network',
  'purchases',
  'telemetry',
] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

export type SourceKindDefinition = {
  kind: SourceKind
  /** Inventory categories whose units count as this source (inventory imports only, purchases excluded). */
  categories: readonly CategoryId[]
  evidence: 'inventory' | 'purchases' | 'telemetry'
  description: string
}

export const SOURCE_KIND_DEFINITIONS: Readonly<Record<SourceKind, SourceKindDefinition>> = {
  computers: {
    kind: 'computers',
    categories: ['laptop', 'desktop', 'thin-client'],
    evidence: 'inventory',
    description:
      'workstations: laptops, desktops, thin clients (GLPI, OCS, Intune, SCCM, Snipe-IT, NumEcoEval…)',
  },
  monitors: { kind: 'monitors', categories: ['monitor'], evidence: 'inventory', description: 'monitors' },
  phones: {
    kind: 'phones',
    categories: ['smartphone', 'tablet', 'desk-phone'],
    evidence: 'inventory',
    description: 'smartphones, tablets and desk phones',
  },
  printers: { kind: 'printers', categories: ['printer'], evidence: 'inventory', description: 'printers' },
  servers: {
    kind: 'servers',
    categories: ['server', 'storage', 'virtual-machine'],
    evidence: 'inventory',
    description: 'servers, storage arrays and virtual machines',
  },
  network: {
    kind: 'network',
    categories: ['network-switch', 'router', 'wifi-access-point'],
    evidence: 'inventory',
    description: 'switches, routers and Wi-Fi access points',
  },
  purchases: {
    kind: 'purchases',
    categories: [],
    evidence: 'purchases',
    description: 'purchase orders (format purchases)',
  },
  telemetry: {
    kind: 'telemetry',
    categories: [],
    evidence: 'telemetry',
    description: 'power-state telemetry matched to the organisation’s devices',
  },
}

/** The categories counted as workstations (workstations per employee). */
export const WORKSTATION_CATEGORIES: readonly CategoryId[] = ['laptop', 'desktop', 'thin-client']

/** Parses "computers,monitors,…" into source kinds; the error message names the unknown kinds. */
export function parseExpectedSources(text: string): { kinds: SourceKind[] } | { error: string } {
  const parts = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
  if (parts.length === 0)
    return { error: `Give at least one expected source among ${SOURCE_KINDS.join(', ')}.` }
  const unknown = parts.filter((part) => !(SOURCE_KINDS as readonly string[]).includes(part))
  if (unknown.length > 0)
    return {
      error: `Unknown expected source(s) ${unknown.map((part) => `"${part}"`).join(', ')}; use ${SOURCE_KINDS.join(', ')}.`,
    }
  // Canonical order, each once.
  return { kinds: SOURCE_KINDS.filter((kind) => parts.includes(kind)) }
}

/** What an organisation's data holds, as counted by the store. */
export type SourceEvidence = {
  /** Units per category from inventory imports (purchase files excluded). */
  inventoryUnitsByCategory: Partial<Record<CategoryId, number>>
  /** Units from purchase files. */
  purchaseUnits: number
  /** Devices with measured usage. */
  telemetryDevices: number
}

/** The expected kinds the evidence shows, in the order of `expected`. */
export function receivedSources(expected: readonly SourceKind[], evidence: SourceEvidence): SourceKind[] {
  return expected.filter((kind) => {
    const definition = SOURCE_KIND_DEFINITIONS[kind]
    if (definition.evidence === 'purchases') return evidence.purchaseUnits > 0
    if (definition.evidence === 'telemetry') return evidence.telemetryDevices > 0
    return definition.categories.some((category) => (evidence.inventoryUnitsByCategory[category] ?? 0) > 0)
  })
}
