/** Why a workbook was refused: not a readable XLSX file, or bigger than the caller allows. */
export type XlsxErrorCode = 'invalid_xlsx' | 'xlsx_too_large'

/** A workbook that cannot be read; the message names the file and the reason. */
export class XlsxError extends Error {
  readonly code: XlsxErrorCode
  readonly file: string

  constructor(code: XlsxErrorCode, file: string, message: string) {
    super(message)
    this.name = 'XlsxError'
    this.code = code
    this.file = file
  }
}

/** Builds the error for a file that is not a valid XLSX workbook, with the reason. */
export function invalidWorkbook(file: string, reason: string): XlsxError {
  return new XlsxError('invalid_xlsx', file, `${file} is not a valid XLSX workbook: ${reason}`)
}

/** Builds the error for a workbook refused because it would expand beyond a limit (zip-bomb protection). */
export function workbookTooLarge(file: string, reason: string): XlsxError {
  return new XlsxError('xlsx_too_large', file, `${file} is refused as a possible zip bomb: ${reason}`)
}
