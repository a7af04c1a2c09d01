/** Row-level problems are data, not exceptions (STYLE.md §6). */

export type FindingSeverity = 'rejected' | 'imputed' | 'warning'

export type FindingCode =
  | 'missing_value'
  | 'invalid_number'
  | 'invalid_date'
  | 'future_date'
  | 'date_order'
  | 'unknown_category'
  | 'negative_quantity'
  | 'out_of_range'
  | 'column_count'
  | 'malformed_row'
  | 'default_imputed'
  | 'unknown_datacenter'
  | 'duplicate'
  | 'unknown_value'
  /** A row names another file's row (a VM's host, an application's VM) that the campaign does not hold. */
  | 'unknown_reference'

/** One problem found in an input row: where (line, column), what (code) and a human sentence. */
export type Finding = {
  line: number
  column: string | null
  code: FindingCode
  severity: FindingSeverity
  message: string
  value: string | null
}
