/**
 * The progress board of a collection campaign as a table to download (CSV/XLSX): `empreinte campaign status
 * --export FILE` and `GET /api/exports/campaign-status` write the same columns, each figure with its unit.
 */
import type { CampaignBoard } from './campaign-workflow.js'
import type { TableToEncode } from './ports.js'

export function campaignBoardTable(board: CampaignBoard): TableToEncode {
  return {
    name: `campaign-${board.campaign}`,
    header: [
      'organisation',
      'status',
      'sources received',
      'sources expected',
      'missing',
      'quality score (0-100)',
      'units',
      'workstations',
      'headcount',
      'quarantined rows',
      'anomalies',
      'contact',
    ],
    rows: board.organisations.map((row) => [
      row.path,
      row.status,
      row.sourcesReceived,
      row.sourcesExpected,
      row.missing.join(', '),
      row.qualityScore,
      row.units,
      row.workstations,
      row.headcount,
      row.quarantinedRows,
      row.anomalies.map((anomaly) => anomaly.message).join('; '),
      row.contact,
    ]),
  }
}
