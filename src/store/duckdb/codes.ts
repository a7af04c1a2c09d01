import { DOMAIN_IDS, type DomainId } from '../../core/inventory/categories.js'

/**
 * How the asset table stores small enumerations: status, ownership and imputed fields keep the core's
 * column codes (src/core/inventory/asset-columns.ts: STATUS_CODES, OWNERSHIP_CODES with 0 stored as NULL,
 * the imputed bit mask); domains are indexes into DOMAIN_IDS. Append only: never reorder.
 */
export {
  imputedFieldsOf as imputedFields,
  STATUS_CODES,
  OWNERSHIP_CODES,
} from '../../core/inventory/asset-columns.js'

export const domainCode = (domain: DomainId): number => DOMAIN_IDS.indexOf(domain)
export const domainOfCode = (code: number): DomainId => DOMAIN_IDS[code]!
