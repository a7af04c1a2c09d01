import {
  ASSET_FIELDS,
  type AssetField,
  type AssetStatus,
  type Ownership,
} from '../../core/inventory/asset.js'
import { DOMAIN_IDS, type DomainId } from '../../core/inventory/categories.js'

/** Numeric codes of small enumerations, as stored in the asset table. Append-only: never reorder. */
export const STATUS_CODES: readonly AssetStatus[] = ['in-use', 'stock', 'retired']
export const OWNERSHIP_CODES: readonly Ownership[] = ['company', 'personal']

export const domainCode = (domain: DomainId): number => DOMAIN_IDS.indexOf(domain)
export const domainOfCode = (code: number): DomainId => DOMAIN_IDS[code]!
export const statusCode = (status: AssetStatus): number => STATUS_CODES.indexOf(status)
export const ownershipCode = (ownership: Ownership | null): number | null =>
  ownership === null ? null : OWNERSHIP_CODES.indexOf(ownership)

/** Imputed fields as a bit mask over ASSET_FIELDS. */
export function imputedMask(fields: readonly AssetField[]): number {
  let mask = 0
  for (const field of fields) mask |= 1 << ASSET_FIELDS.indexOf(field)
  return mask
}

/** The fields named by an imputed bit mask. */
export function imputedFields(mask: number): AssetField[] {
  return ASSET_FIELDS.filter((_, index) => (mask & (1 << index)) !== 0)
}
