/**
 * Downloads of the dashboard's tables: the same figures the API answers, as CSV or XLSX (deps.tables
 * neutralises text against spreadsheet formula injection). Every figure column names its unit.
 */
import { campaignBoardTable } from './campaign-board-table.js'
import { campaignStatus } from './campaign-workflow.js'
import { AppError } from './errors.js'
import { getFootprint } from './get-footprint.js'
import { listImports } from './list-imports.js'
import { listOrganisations } from './list-organisations.js'
import { proposeRules } from './mapping.js'
import type { Deps, TableToEncode } from './ports.js'
import { qualityReport } from './quality-report.js'

export const EXPORT_TABLES = [
  'footprint',
  'organisations',
  'quality-organisations',
  'quarantine',
  'imports',
  'mapping-proposals',
  'campaign-status',
] as const
export type ExportTableId = (typeof EXPORT_TABLES)[number]

export type ExportFormat = 'csv' | 'xlsx'

export type ExportedTable = {
  fileName: string
  contentType: string
  bytes: Uint8Array
  rows: number
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Quarantined rows exported at most (the whole list stays available through `empreinte quarantine export`). */
export const MAX_EXPORTED_QUARANTINE_ROWS = 10_000

/**
 * One table of a campaign as a file to download.
 * @example await exportTable(deps, { table: 'footprint', format: 'xlsx', campaignYear: null, organisation: null })
 */
export async function exportTable(
  deps: Deps,
  input: { table: ExportTableId; format: ExportFormat; campaignYear: number | null; organisation: string | null },
): Promise<ExportedTable> {
  const built = await buildTable(deps, input)
  return {
    fileName: `empreinte-${input.table}-${built.campaign}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    bytes: deps.tables.encode(built.table, input.format),
    rows: built.table.rows.length,
  }
}

async function buildTable(
  deps: Deps,
  input: { table: ExportTableId; campaignYear: number | null; organisation: string | null },
): Promise<{ campaign: number; table: TableToEncode }> {
  const { campaignYear, organisation } = input
  switch (input.table) {
    case 'footprint': {
      const by = ['organisation', 'domain', 'category', 'phase'] as const
      const report = await getFootprint(deps, { campaignYear, by: [...by], organisation })
      return {
        campaign: report.campaign,
        table: {
          name: 'footprint',
          header: [...by, 'quantity (units)', 'climate (kgCO2e/yr)', 'water (L/yr)', 'share of climate (0-1)'],
          rows: report.breakdown.map((row) => [
            ...by.map((dimension) => row[dimension] ?? ''),
            row.quantity,
            row.climateKgCo2e,
            row.waterLitres,
            row.shareOfClimate,
          ]),
        },
      }
    }
    case 'organisations': {
      const list = await listOrganisations(deps, { campaignYear, limit: Number.MAX_SAFE_INTEGER, offset: 0 })
      return {
        campaign: list.campaign,
        table: {
          name: 'organisations',
          header: ['path', 'name', 'parent', 'depth', 'assets (lines)', 'assets below (lines)', 'children'],
          rows: list.items.map((node) => [
            node.path,
            node.name,
            node.parent,
            node.depth,
            node.assets,
            node.totalAssets,
            node.children,
          ]),
        },
      }
    }
    case 'quality-organisations': {
      const report = await qualityReport(deps, { campaignYear, sample: 0, organisation })
      return {
        campaign: report.campaign,
        table: {
          name: 'quality',
          header: [
            'organisation',
            'assets (lines)',
            'score (0-100)',
            'serial completeness (0-1)',
            'purchase date completeness (0-1)',
            'model share (0-1)',
            'imputed assets',
            'duplicate serials',
            'outliers',
          ],
          rows: report.organisations.map((row) => [
            row.organisation,
            row.assets,
            row.score,
            row.completeness.serial,
            row.completeness.purchaseDate,
            row.matched.modelShare,
            row.imputedAssets,
            row.duplicates.serial,
            row.outliers.assets,
          ]),
        },
      }
    }
    case 'quarantine': {
      const report = await qualityReport(deps, {
        campaignYear,
        sample: MAX_EXPORTED_QUARANTINE_ROWS,
        organisation,
      })
      return {
        campaign: report.campaign,
        table: {
          name: 'quarantine',
          header: ['file', 'line', 'reasons', 'row as read'],
          rows: report.quarantineSample.map((row) => [
            row.fileName,
            row.line,
            row.findings.map((finding) => finding.message).join(' | '),
            row.raw.join(' ; '),
          ]),
        },
      }
    }
    case 'imports': {
      const list = await listImports(deps, { campaignYear, limit: Number.MAX_SAFE_INTEGER, offset: 0 })
      return {
        campaign: list.campaign,
        table: {
          name: 'imports',
          header: ['id', 'file', 'format', 'rows read', 'rows accepted', 'rows quarantined', 'rows imputed'],
          rows: list.items.map((item) => [
            item.id,
            item.fileName,
            item.format,
            item.rowsRead,
            item.rowsAccepted,
            item.rowsQuarantined,
            item.rowsImputed,
          ]),
        },
      }
    }
    case 'mapping-proposals': {
      const proposals = await proposeRules(deps, { campaignYear, limit: 1000 })
      return {
        campaign: proposals.campaign,
        table: {
          name: 'mapping proposals',
          header: ['pattern', 'category', 'assets (units)', 'suggested item', 'confidence (0-1)', 'current item'],
          rows: proposals.proposals.map((proposal) => [
            proposal.pattern,
            proposal.category,
            proposal.assets,
            proposal.suggestion?.itemId ?? null,
            proposal.suggestion?.confidence ?? null,
            proposal.currentItem,
          ]),
        },
      }
    }
    case 'campaign-status': {
      // The whole progress board of a collection campaign (docs/campaigns.md), as `campaign status --export`.
      const board = await campaignStatus(deps, { campaignYear, filter: null, sort: 'code' })
      return { campaign: board.campaign, table: campaignBoardTable(board) }
    }
    default:
      throw new AppError('invalid_argument', `Unknown table "${String(input.table)}".`)
  }
}
