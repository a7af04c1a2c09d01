import { foldText } from '../core/inventory/fold-text.js'
import type { MemberDetails } from './campaign-workflow.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

/**
 * Column names a headcounts file may use (case and accents ignored): ours, or NumEcoEval's entity file
 * (`nomEntite;nbCollaborateurs;responsableEntite;responsableNumeriqueResponsable`).
 */
const COLUMNS = {
  organisation: ['organisation', 'organization', 'code', 'nomentite'],
  headcount: ['headcount', 'employees', 'effectif', 'nbcollaborateurs'],
  contact: ['contact', 'email', 'e-mail', 'responsablenumeriqueresponsable'],
} as const

/**
 * Reads a headcounts file (CSV or XLSX-exported CSV): one organisation per line with its headcount and the
 * contact address reminders go to. Every problem names the file, line and column.
 */
export async function readMemberDetails(deps: Deps, file: string): Promise<MemberDetails[]> {
  const table = await deps.files.readTable(file)
  if (table.problem) throw new AppError('invalid_argument', `${file}: ${table.problem.message}`)
  const header = table.header.map((name) => foldText(name).replace(/[\s_]/g, ''))
  const indexOf = (names: readonly string[]): number => header.findIndex((name) => names.includes(name))
  const organisationColumn = indexOf(COLUMNS.organisation)
  const headcountColumn = indexOf(COLUMNS.headcount)
  const contactColumn = indexOf(COLUMNS.contact)
  if (organisationColumn < 0)
    throw new AppError(
      'missing_columns',
      `${file}:${table.headerLine}: no organisation column (organisation or nomEntite); found ${table.header.join(', ')}.`,
    )
  const details: MemberDetails[] = []
  const problems: string[] = []
  for await (const batch of table.batches) {
    for (const row of batch) {
      const cell = (column: number): string => (column < 0 ? '' : (row.values[column] ?? '').trim())
      const organisation = cell(organisationColumn)
      if (organisation === '') continue
      const headcountText = cell(headcountColumn).replace(/\s/g, '').replace(',', '.')
      const headcount = headcountText === '' ? null : Number(headcountText)
      if (headcount !== null && (!Number.isFinite(headcount) || headcount < 0)) {
        problems.push(
          `${file}:${row.line}:${headcountColumn + 1} (${table.header[headcountColumn]}): "${cell(headcountColumn)}" is not a headcount`,
        )
        continue
      }
      const contact = cell(contactColumn)
      if (contact !== '' && !/^[^\s<>@]+@[^\s<>@]+$/.test(contact)) {
        problems.push(
          `${file}:${row.line}:${contactColumn + 1} (${table.header[contactColumn]}): "${contact}" is not an e-mail address`,
        )
        continue
      }
      details.push({ organisation, headcount, contact: contact === '' ? null : contact, line: row.line })
    }
  }
  if (problems.length > 0) throw new AppError('invalid_argument', problems.join('\n'))
  return details
}
