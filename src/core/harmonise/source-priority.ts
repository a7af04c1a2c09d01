/**
 * Which source is trusted for which field when the same device appears in several inventories
 * (reconciliation by serial number, then host name). For each field, the first format in its ranking that
 * holds a value read from the source (not empty, not imputed) gives the reconciled value; among imports of
 * equal rank, the most recent one wins. A source that holds another value is recorded as a conflict.
 *
 * Rationale (docs/methodology/reconciliation.md):
 * - management tools (GLPI, Snipe-IT) are where people keep the owning entity, site, status and retirement;
 * - agents (SCCM, Intune, OCS) read the hardware itself: model and serial number are most reliable there;
 * - purchase orders carry the real purchase date; GLPI's "date d'achat" is often typed in later; agents do
 *   not know it (Intune's enrolment date is not a purchase date);
 * - Intune's Corporate/Personal flag is the authority on ownership;
 * - NumEcoEval/G4IT and generic files are hand-built exchanges: middle rank.
 */
import type { AssetField } from '../inventory/asset.js'

/** A field that reconciliation chooses, with the formats it trusts first. Unlisted formats rank last. */
export type ReconciledField = { field: AssetField; ranking: readonly string[] }

const MANAGEMENT = [
  'glpi',
  'snipeit',
  'numecoeval-physical',
  'g4it-physical',
  'generic',
  'ocs',
  'sccm',
  'intune',
]
const HARDWARE = [
  'sccm',
  'intune',
  'ocs',
  'glpi',
  'snipeit',
  'numecoeval-physical',
  'g4it-physical',
  'generic',
]
const PURCHASE = ['purchases', 'glpi', 'snipeit', 'numecoeval-physical', 'g4it-physical', 'generic', 'ocs']
const USAGE = ['numecoeval-physical', 'g4it-physical', 'generic', 'glpi', 'snipeit', 'ocs', 'sccm', 'intune']

export const RECONCILED_FIELDS: readonly ReconciledField[] = [
  { field: 'organisation', ranking: MANAGEMENT },
  { field: 'site', ranking: MANAGEMENT },
  { field: 'datacenter', ranking: MANAGEMENT },
  { field: 'model', ranking: HARDWARE },
  { field: 'serial', ranking: HARDWARE },
  { field: 'hostname', ranking: HARDWARE },
  { field: 'quantity', ranking: MANAGEMENT },
  { field: 'purchaseDate', ranking: PURCHASE },
  { field: 'retirementDate', ranking: MANAGEMENT },
  { field: 'lifetimeYears', ranking: MANAGEMENT },
  { field: 'annualKwh', ranking: USAGE },
  { field: 'utilisationRate', ranking: USAGE },
  { field: 'ownership', ranking: ['intune', ...MANAGEMENT.filter((format) => format !== 'intune')] },
  { field: 'country', ranking: MANAGEMENT },
  { field: 'status', ranking: MANAGEMENT },
]

/** Rank of a format for a field: 1 = trusted first; formats not in the ranking come last. */
export function rankOf(field: ReconciledField, format: string): number {
  const index = field.ranking.indexOf(format)
  return index === -1 ? field.ranking.length + 1 : index + 1
}

/** Serial numbers that BIOS and tools write when the real one is unknown: never a key for reconciliation. */
export const JUNK_SERIALS: readonly string[] = [
  'TOBEFILLEDBYOEM',
  'DEFAULTSTRING',
  'SYSTEMSERIALNUMBER',
  'CHASSISSERIALNUMBER',
  'NONE',
  'NULL',
  'N/A',
  'NA',
  'UNKNOWN',
  'INCONNU',
  'NOTAPPLICABLE',
  'NOTSPECIFIED',
  'INVALID',
  'SERIAL',
  '0123456789',
  '123456789',
  '1234567890',
]

/** Shortest serial number kept as a key (shorter ones are asset-tag fragments, not serials). */
export const MIN_SERIAL_LENGTH = 4
/** Purchase or retirement dates closer than this are the same date written differently (order vs delivery). */
export const DATE_TOLERANCE_DAYS = 31
