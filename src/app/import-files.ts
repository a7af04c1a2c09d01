import type { CategoryId } from '../core/inventory/categories.js'
import type { Finding } from '../core/quality/finding.js'
import type { LoadUnit, UnitChoices, UsageDurationUnit } from '../core/formats/unit-choices.js'
import { endOfYearDay, resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import { actorScope, isPathVisible, recordAudit, requirePermission } from './access.js'
import { importFile, type ImportInventoryResult } from './import-inventory.js'
import type { Deps, ReconciliationSummary } from './ports.js'
import { reconcileIfNeeded } from './compute-campaign-footprint.js'
import { proposeForCampaign, type RuleProposals } from './mapping.js'
import { assertCampaignAcceptsImports } from './campaign-workflow.js'

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
  /** Unit choices the import used and recorded (`--usage-duration-unit`, `--load-unit`); {} when none. */
  options: UnitChoices
}

export type ImportFilesReport = {
  campaign: number
  imports: ImportedFile[]
  /** Devices found in several imports and merged (run after the imports; null when nothing new was imported). */
  reconciliation: ReconciliationSummary | null
  /** The first proposed mapping rules for models no rule or exact key resolves (null when nothing new). */
  proposals: RuleProposals | null
}

/** How many proposed mapping rules an import report lists. */
const PROPOSALS_IN_REPORT = 10

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
    /** Units of the columns whose unit a format does not state; null when not given. */
    usageDurationUnit?: UsageDurationUnit | null
    loadUnit?: LoadUnit | null
    /** The source the rows belong to (default: the format, plus a category hinted by the file name). */
    source?: string | null
    /** With an organisation: keep its earlier rows from the same source (default: replace them). */
    append?: boolean
    /** The import a corrected quarantine file corrects (default: read from the file name). */
    corrects?: number | null
  },
): Promise<ImportFilesReport> {
  requirePermission(deps, 'write')
  const scope = actorScope(deps)
  // An actor limited to a subtree imports into it: rows naming no organisation go to its root.
  const organisationPath = input.organisation
    ? await resolveOrganisationOrNew(deps, input.organisation)
    : scope === null
      ? null
      : [...scope]
  if (organisationPath !== null && !isPathVisible(deps, organisationPath)) {
    throw new AppError(
      'forbidden',
      `You may import only into your perimeter (${scope!.join(' > ')}), not into "${input.organisation}".`,
    )
  }
  const year = input.campaignYear ?? (await deps.store.latestCampaign())?.year ?? input.defaultCampaignYear
  const campaign = await deps.store.ensureCampaign(year, endOfYearDay(year))
  await assertCampaignAcceptsImports(deps, campaign)
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
      units: unitChoicesOf(input),
      source: input.source ?? null,
      append: input.append ?? false,
      correctsImportId: input.corrects ?? null,
    })
    for (const result of results) {
      const sheet = result.fileName.includes('#') ? result.fileName.slice(result.fileName.indexOf('#')) : ''
      imports.push(toImportedFile(result, file.label + sheet))
    }
  }
  for (const record of imports) {
    if (record.isAlreadyImported) continue
    await recordAudit(deps, {
      action: 'inventory.import',
      target: record.file,
      organisation: organisationPath === null ? null : organisationPath.join(' > '),
      details: {
        campaign: campaign.year,
        format: record.format,
        rowsRead: record.rowsRead,
        rowsAccepted: record.rowsAccepted,
        rowsQuarantined: record.rowsQuarantined,
      },
    })
  }
  const isChanged = imports.some((record) => !record.isAlreadyImported && record.kind === 'assets')
  const reconciliation = isChanged ? await reconcileIfNeeded(deps, campaign) : null
  const proposals = isChanged ? await proposeForCampaign(deps, campaign, PROPOSALS_IN_REPORT) : null
  return { campaign: campaign.year, imports, reconciliation, proposals }
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
    options: result.options ?? {},
  }
}

function unitChoicesOf(input: { usageDurationUnit?: UsageDurationUnit | null; loadUnit?: LoadUnit | null }) {
  const units: UnitChoices = {}
  if (input.usageDurationUnit) units.usageDurationUnit = input.usageDurationUnit
  if (input.loadUnit) units.loadUnit = input.loadUnit
  return units
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
