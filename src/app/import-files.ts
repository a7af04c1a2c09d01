import type { CategoryId } from '../core/inventory/categories.js'
import type { Finding } from '../core/quality/finding.js'
import { endOfYearDay, resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import { importFile, type ImportInventoryResult } from './import-inventory.js'
import type { Deps } from './ports.js'

/** One file to import: where it is, and the name to report it under (the user's name for it). */
export type FileToImport = { path: string; label: string }

/** One imported file, as `empreinte import --json` and `POST /api/imports` report it. */
export type ImportedFile = {
  file: string
  format: string
  kind: string
  encoding: string
  delimiter: string
  headerLine: number
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
  isAlreadyImported: boolean
  unknownColumns: string[]
  findings: Finding[]
  assumptions: string[]
}

export type ImportFilesReport = { campaign: number; imports: ImportedFile[] }

/**
 * Imports several files into one campaign (the one named, else the latest, else `defaultCampaignYear`),
 * attaching rows without an organisation to `organisation` (an existing one, or a new path "A > B").
 * @example await importFiles(deps, { files: [{ path: '/tmp/x/glpi.csv', label: 'glpi.csv' }], format: 'auto', organisation: null, campaignYear: null, category: null, defaultCampaignYear: 2025 })
 */
export async function importFiles(
  deps: Deps,
  input: {
    files: FileToImport[]
    format: string
    organisation: string | null
    campaignYear: number | null
    category: CategoryId | null
    defaultCampaignYear: number
  },
): Promise<ImportFilesReport> {
  const year = input.campaignYear ?? (await deps.store.latestCampaign())?.year ?? input.defaultCampaignYear
  const campaign = await deps.store.ensureCampaign(year, endOfYearDay(year))
  const organisationPath = input.organisation
    ? await resolveOrganisationOrNew(deps, input.organisation)
    : null
  const imports: ImportedFile[] = []
  for (const file of input.files) {
    // A workbook gives one result per worksheet ("file.xlsx#Sheet"): report each under the user's label.
    const results = await importFile(deps, {
      file: file.path,
      format: input.format,
      campaign,
      organisationPath,
      categoryHint: input.category,
      defaultCountry: 'FR',
    })
    for (const result of results) {
      const sheet = result.fileName.includes('#') ? result.fileName.slice(result.fileName.indexOf('#')) : ''
      imports.push(toImportedFile(result, file.label + sheet))
    }
  }
  return { campaign: campaign.year, imports }
}

/** The public shape of one import result (stable for scripts; internal fields stay out). */
export function toImportedFile(result: ImportInventoryResult, label: string): ImportedFile {
  return {
    file: label,
    format: result.format,
    kind: result.kind,
    encoding: result.encoding,
    delimiter: result.delimiter,
    headerLine: result.headerLine,
    rowsRead: result.rowsRead,
    rowsAccepted: result.rowsAccepted,
    rowsQuarantined: result.rowsQuarantined,
    rowsImputed: result.rowsImputed,
    isAlreadyImported: result.isAlreadyImported,
    unknownColumns: result.unknownColumns,
    findings: result.sampleFindings,
    assumptions: result.assumptions,
  }
}

async function resolveOrganisationOrNew(deps: Deps, text: string): Promise<string[]> {
  try {
    return await resolveOrganisation(deps.store, text)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      return text.split('>').map((part) => part.trim())
    throw error
  }
}
