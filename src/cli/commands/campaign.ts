import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { z } from 'zod'
import { campaignBoardTable } from '../../app/campaign-board-table.js'
import { CAMPAIGN_INPUTS, CAMPAIGN_OPERATIONS } from '../../app/campaign-operations.js'
import type { CampaignBoard } from '../../app/campaign-workflow.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

const SUBCOMMANDS = ['open', 'status', 'review', 'close', 'restate', 'publish', 'remind'] as const

/** Validates with the operation's schema and reports the problems as a usage error. */
function inputOf<Id extends keyof typeof CAMPAIGN_INPUTS>(
  id: Id,
  raw: Record<string, unknown>,
): z.infer<(typeof CAMPAIGN_INPUTS)[Id]> {
  const result = CAMPAIGN_INPUTS[id].safeParse(raw)
  if (!result.success)
    throw new AppError(
      'invalid_argument',
      `campaign ${id.slice('campaign.'.length)}: ${result.error.issues
        .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
        .join('; ')}`,
    )
  // The schema of `id` produced this value; TypeScript cannot follow the indexed access through the union.
  return result.data as z.infer<(typeof CAMPAIGN_INPUTS)[Id]>
}

/**
 * `empreinte campaign open|status|review|close|restate|publish|remind` (docs/campaigns.md).
 */
export async function campaignCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
  nowMs: number,
  cwd: string,
): Promise<{ json: unknown; text: string }> {
  const [subcommand, argument] = positional
  const year = options.campaign
  switch (subcommand) {
    case 'open': {
      if (argument === undefined || !/^\d{4}$/.test(argument))
        throw new AppError(
          'invalid_argument',
          'campaign open YEAR --perimeter CODE --expect computers,monitors,…',
        )
      if (options.perimeter === null || options.expect === null)
        throw new AppError(
          'invalid_argument',
          'campaign open needs --perimeter CODE and --expect KIND,KIND,…',
        )
      const result = await CAMPAIGN_OPERATIONS['campaign.open'](
        deps,
        inputOf('campaign.open', {
          year: Number(argument),
          perimeter: options.perimeter,
          expect: options.expect,
          referential: options.referential,
          headcountsFile: options.headcounts === null ? null : resolve(cwd, options.headcounts),
          atMs: nowMs,
        }),
      )
      return {
        json: result,
        text: `Campaign ${result.campaign} open over ${result.perimeter}: ${result.organisations} organisation(s), expected sources ${result.expected.join(', ')}, referential ${result.referential} pinned.\n`,
      }
    }
    case 'status': {
      const board = await CAMPAIGN_OPERATIONS['campaign.status'](
        deps,
        inputOf('campaign.status', {
          campaignYear: year,
          filter: options.filter,
          sort: options.sort ?? undefined,
        }),
      )
      let text = renderBoard(board)
      if (options.export !== null) {
        const path = resolve(cwd, options.export)
        const format = /\.xlsx$/i.test(path) ? 'xlsx' : /\.csv$/i.test(path) ? 'csv' : null
        if (format === null)
          throw new AppError(
            'invalid_argument',
            `--export takes a .csv or .xlsx file, not "${options.export}".`,
          )
        await writeFile(path, deps.tables.encode(campaignBoardTable(board), format))
        text += `Exported ${board.organisations.length} organisation(s) to ${path}\n`
      }
      return { json: board, text }
    }
    case 'review': {
      if (argument === undefined)
        throw new AppError('invalid_argument', 'campaign review CODE --validate|--send-back --comment TEXT')
      if (options.validate === options.sendBack)
        throw new AppError(
          'invalid_argument',
          'campaign review takes exactly one of --validate and --send-back.',
        )
      const result = await CAMPAIGN_OPERATIONS['campaign.review'](
        deps,
        inputOf('campaign.review', {
          campaignYear: year,
          organisation: argument,
          decision: options.validate ? 'validate' : 'send-back',
          comment: options.comment ?? '',
          atMs: nowMs,
        }),
      )
      return {
        json: result,
        text: `${result.organisation}: ${result.status} by ${result.actor} (campaign ${result.campaign}); recorded in the audit log.\n`,
      }
    }
    case 'close':
    case 'restate': {
      const result =
        subcommand === 'close'
          ? await CAMPAIGN_OPERATIONS['campaign.close'](
              deps,
              inputOf('campaign.close', { campaignYear: year, atMs: nowMs }),
            )
          : await CAMPAIGN_OPERATIONS['campaign.restate'](
              deps,
              inputOf('campaign.restate', {
                campaignYear: year,
                referential: options.referential ?? '',
                note: options.note,
                atMs: nowMs,
              }),
            )
      return {
        json: result,
        text: `Campaign ${result.campaign} version ${result.version} ${subcommand === 'close' ? 'closed' : 'restated'} and frozen: ${formatNumber(result.climateKgCo2e / 1000)} tCO2e/yr over ${result.organisations} organisation(s), referential ${result.referential}.\n`,
      }
    }
    case 'publish': {
      if (argument === undefined) throw new AppError('invalid_argument', 'campaign publish DIR')
      const result = await CAMPAIGN_OPERATIONS['campaign.publish'](
        deps,
        inputOf('campaign.publish', { campaignYear: year, directory: resolve(cwd, argument) }),
      )
      return {
        json: result,
        text: `Published campaign ${result.campaign} version ${result.version} to ${result.directory}: ${result.files.length} file(s), ${formatNumber(result.climateKgCo2e / 1000)} tCO2e/yr in total.\n`,
      }
    }
    case 'remind': {
      const result = await CAMPAIGN_OPERATIONS['campaign.remind'](
        deps,
        inputOf('campaign.remind', {
          campaignYear: year,
          smtp: options.smtp,
          from: options.from,
          isDryRun: options.dryRun,
          atMs: nowMs,
        }),
      )
      const table = formatTable(
        ['organisation', 'status', 'missing', 'contact', 'reminder'],
        result.reminders.map((reminder) => [
          reminder.path,
          reminder.status,
          reminder.missing.join(', '),
          reminder.contact ?? '',
          reminder.error === null ? reminder.delivery : `${reminder.delivery}: ${reminder.error}`,
        ]),
      )
      return {
        json: result,
        text: `${result.toChase} organisation(s) to chase in campaign ${result.campaign}; ${result.sent} e-mail(s) sent, ${result.failed} failed.\n${table}`,
      }
    }
    default:
      throw new AppError('invalid_argument', `campaign takes one of: ${SUBCOMMANDS.join(', ')}.`)
  }
}

function renderBoard(board: CampaignBoard): string {
  const counts = (['not-started', 'collecting', 'submitted', 'validated', 'sent-back', 'closed'] as const)
    .filter((status) => board.counts[status] > 0)
    .map((status) => `${board.counts[status]} ${status}`)
    .join(', ')
  const lines = [
    `Campaign ${board.campaign} (version ${board.version}, ${board.state}) over ${board.perimeter}: ${board.counts.total} organisation(s): ${counts}`,
    `Expected sources: ${board.expected.join(', ')}; referential ${board.frozenReferential ?? board.referential}${board.previousCampaign === null ? '' : `; anomalies against ${board.previousCampaign}`}`,
    board.filter === null ? '' : `Filter: ${board.filter} (${board.organisations.length} shown)`,
  ].filter(Boolean)
  const table = formatTable(
    ['organisation', 'status', 'sources', 'missing', 'quality (0-100)', 'units', 'anomalies'],
    board.organisations.map((row) => [
      row.path,
      row.status,
      `${row.sourcesReceived}/${row.sourcesExpected}`,
      row.missing.join(', '),
      row.qualityScore,
      row.units,
      row.anomalies.map((anomaly) => anomaly.code).join(', '),
    ]),
  )
  return lines.join('\n') + '\n' + table
}
