/**
 * Publication and reminders of a collection campaign (docs/campaigns.md#publish, #reminders).
 */
import { benchmarkOrganisations, type BenchmarkRow } from '../core/campaigns/benchmark.js'
import { resolveCampaign } from './campaigns.js'
import { campaignStatus, currentSetup, type BoardOrganisation } from './campaign-workflow.js'
import type { FrozenResult } from './campaign-ports.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'
import { recordAudit } from './access.js'

const SEPARATOR = ' > '

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const kg = (value: number): string => `${Math.round(value).toLocaleString('en-GB')} kgCO2e`

export type PublishedOrganisation = BenchmarkRow & { path: string; file: string; climateKgCo2e: number }

/**
 * Writes one HTML report per organisation and a national consolidation (index.html, national.json) from the
 * frozen results of the campaign's latest version, with benchmarks between comparable organisations.
 */
export async function publishCampaign(
  deps: Deps,
  input: { campaignYear: number | null; directory: string },
): Promise<{
  campaign: number
  version: number
  referential: string
  directory: string
  files: string[]
  climateKgCo2e: number
  organisations: PublishedOrganisation[]
}> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const setup = await currentSetup(deps, campaign)
  if (setup.state !== 'closed' || setup.frozenReferential === null)
    throw new AppError(
      'conflict',
      `Campaign ${campaign.year} is open: close it (empreinte campaign close) before publishing.`,
    )
  const results = await deps.campaigns.frozenResults(campaign.id, setup.version)
  const board = await campaignStatus(deps, { campaignYear: campaign.year, filter: null, sort: 'code' })
  const byMember = new Map<string, FrozenResult[]>()
  for (const member of board.organisations) byMember.set(member.path, [])
  for (const result of results) {
    const joined = result.path.join(SEPARATOR)
    const member = board.organisations.find(
      (row) => joined === row.path || joined.startsWith(row.path + SEPARATOR),
    )
    if (member) byMember.get(member.path)!.push(result)
  }
  const climateOf = (path: string): number =>
    (byMember.get(path) ?? []).reduce((sum, result) => sum + result.climateKgCo2e, 0)
  const benchmarks = benchmarkOrganisations(
    board.organisations.map((row) => ({
      code: row.code,
      depth: row.path.split(SEPARATOR).length,
      workstations: row.workstations,
      climateKgCo2e: climateOf(row.path),
    })),
  )
  await deps.files.ensureDirectory(input.directory)
  const files: string[] = []
  const organisations: PublishedOrganisation[] = []
  for (const [index, row] of board.organisations.entries()) {
    const benchmark = benchmarks[index]!
    const file = `organisation-${String(index + 1).padStart(3, '0')}.html`
    await deps.folders.writeText(
      deps.files.join(input.directory, file),
      organisationPage(
        campaign.year,
        setup.version,
        setup.frozenReferential,
        row,
        byMember.get(row.path)!,
        benchmark,
      ),
    )
    files.push(file)
    organisations.push({ ...benchmark, path: row.path, file, climateKgCo2e: climateOf(row.path) })
  }
  const climateKgCo2e = results.reduce((sum, result) => sum + result.climateKgCo2e, 0)
  const national = {
    campaign: campaign.year,
    version: setup.version,
    referential: setup.frozenReferential,
    perimeter: board.perimeter,
    climateKgCo2e,
    unit: 'kgCO2e per year',
    comparableGroups:
      'same depth in the organisation tree and same size band (workstations); docs/campaigns.md#benchmarks',
    organisations,
  }
  await deps.folders.writeText(
    deps.files.join(input.directory, 'national.json'),
    JSON.stringify(national, null, 2) + '\n',
  )
  await deps.folders.writeText(deps.files.join(input.directory, 'index.html'), nationalPage(national))
  files.push('national.json', 'index.html')
  return {
    campaign: campaign.year,
    version: setup.version,
    referential: setup.frozenReferential,
    directory: input.directory,
    files,
    climateKgCo2e,
    organisations,
  }
}

const STYLE =
  '<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}td.n{text-align:right}</style>'

function organisationPage(
  year: number,
  version: number,
  referential: string,
  row: BoardOrganisation,
  results: readonly FrozenResult[],
  benchmark: BenchmarkRow,
): string {
  const byDomain = new Map<string, { quantity: number; climate: number }>()
  for (const result of results) {
    const entry = byDomain.get(result.domain) ?? { quantity: 0, climate: 0 }
    entry.quantity += result.quantity
    entry.climate += result.climateKgCo2e
    byDomain.set(result.domain, entry)
  }
  const total = results.reduce((sum, result) => sum + result.climateKgCo2e, 0)
  const perWorkstation =
    benchmark.kgCo2ePerWorkstation === null
      ? 'n/a'
      : `${benchmark.kgCo2ePerWorkstation.toFixed(1)} kgCO2e/workstation`
  const median =
    benchmark.groupMedianKgCo2ePerWorkstation === null
      ? 'n/a'
      : `${benchmark.groupMedianKgCo2ePerWorkstation.toFixed(1)} kgCO2e/workstation`
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(row.code)} — campaign ${year}</title>${STYLE}
<h1>${escapeHtml(row.path)}</h1>
<p>Campaign ${year}, version ${version}, referential ${escapeHtml(referential)}. Status: ${row.status}. Sources ${row.sourcesReceived}/${row.sourcesExpected}; quality score ${row.qualityScore}/100.</p>
<p>Annual footprint: <strong>${kg(total)}</strong> (climate change, per year).</p>
<table><thead><tr><th>domain</th><th>quantity (units)</th><th>climate (kgCO2e/year)</th></tr></thead><tbody>
${[...byDomain].map(([domain, entry]) => `<tr><td>${escapeHtml(domain)}</td><td class="n">${entry.quantity}</td><td class="n">${Math.round(entry.climate)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Benchmark</h2>
<p>Comparable organisations: ${escapeHtml(benchmark.group)} (${benchmark.groupSize}). This organisation: ${perWorkstation}; median of the group: ${median}.
Formula: ${escapeHtml(benchmark.trace.formula)}.</p>
</html>
`
}

function nationalPage(national: {
  campaign: number
  version: number
  referential: string
  perimeter: string
  climateKgCo2e: number
  organisations: PublishedOrganisation[]
}): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Campaign ${national.campaign} — national consolidation</title>${STYLE}
<h1>${escapeHtml(national.perimeter)} — campaign ${national.campaign} (version ${national.version})</h1>
<p>Referential ${escapeHtml(national.referential)}. Total: <strong>${kg(national.climateKgCo2e)}</strong> per year over ${national.organisations.length} organisations.</p>
<table><thead><tr><th>organisation</th><th>climate (kgCO2e/year)</th><th>kgCO2e/workstation</th><th>group</th><th>group median</th><th>gap</th></tr></thead><tbody>
${national.organisations
  .map(
    (row) =>
      `<tr><td><a href="${row.file}">${escapeHtml(row.path)}</a></td><td class="n">${Math.round(row.climateKgCo2e)}</td>` +
      `<td class="n">${row.kgCo2ePerWorkstation === null ? '' : row.kgCo2ePerWorkstation.toFixed(1)}</td><td>${escapeHtml(row.group)}</td>` +
      `<td class="n">${row.groupMedianKgCo2ePerWorkstation === null ? '' : row.groupMedianKgCo2ePerWorkstation.toFixed(1)}</td>` +
      `<td class="n">${row.gapToMedian === null ? '' : `${Math.round(row.gapToMedian * 100)} %`}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
</html>
`
}

export type ReminderOutcome = {
  code: string
  path: string
  status: string
  missing: string[]
  contact: string | null
  delivery: 'sent' | 'failed' | 'listed' | 'no-contact'
  error: string | null
}

/**
 * The organisations to chase (not started, collecting, sent back), and with `smtp` an e-mail to each one's
 * contact saying what is missing. Every reminder is recorded.
 */
export async function remindCampaign(
  deps: Deps,
  input: {
    campaignYear: number | null
    smtp: string | null
    from: string | null
    isDryRun: boolean
    atMs: number | null
  },
): Promise<{
  campaign: number
  toChase: number
  sent: number
  failed: number
  reminders: ReminderOutcome[]
}> {
  const board = await campaignStatus(deps, {
    campaignYear: input.campaignYear,
    filter: 'to-chase',
    sort: 'code',
  })
  const server = input.smtp === null ? null : parseSmtpUrl(input.smtp)
  if (server !== null && !input.isDryRun && (input.from === null || input.from === ''))
    throw new AppError('invalid_argument', 'Sending reminders needs a sender address: --from ADDRESS.')
  const campaign = await resolveCampaign(deps.store, board.campaign)
  const members = new Map(
    (await deps.campaigns.members(campaign.id)).map((member) => [member.path.join(SEPARATOR), member]),
  )
  const reminders: ReminderOutcome[] = []
  for (const row of board.organisations) {
    const outcome: ReminderOutcome = {
      code: row.code,
      path: row.path,
      status: row.status,
      missing: row.missing,
      contact: row.contact,
      delivery: row.contact === null ? 'no-contact' : 'listed',
      error: null,
    }
    if (server !== null && !input.isDryRun && row.contact !== null) {
      try {
        await deps.mailer.send(server, {
          from: input.from!,
          to: row.contact,
          subject: `Campaign ${board.campaign}: your inventory files for ${row.code}`,
          text: reminderText(board.campaign, row),
        })
        outcome.delivery = 'sent'
      } catch (error) {
        outcome.delivery = 'failed'
        outcome.error = error instanceof Error ? error.message : String(error)
      }
    }
    reminders.push(outcome)
  }
  if (!input.isDryRun) {
    await deps.campaigns.addReminders(
      campaign.id,
      reminders.map((reminder) => ({
        organisationId: members.get(reminder.path)!.organisationId,
        address: reminder.contact,
        status: reminder.delivery === 'sent' ? 'sent' : reminder.delivery === 'failed' ? 'failed' : 'listed',
        error: reminder.error,
        atMs: input.atMs,
      })),
    )
    await recordAudit(deps, {
      action: 'campaign.remind',
      target: String(board.campaign),
      organisation: null,
      details: {
        toChase: reminders.length,
        sent: reminders.filter((reminder) => reminder.delivery === 'sent').length,
      },
    })
  }
  return {
    campaign: board.campaign,
    toChase: reminders.length,
    sent: reminders.filter((reminder) => reminder.delivery === 'sent').length,
    failed: reminders.filter((reminder) => reminder.delivery === 'failed').length,
    reminders,
  }
}

/** The reminder's text: status, what is missing, the comment of a send-back. */
export function reminderText(year: number, row: BoardOrganisation): string {
  const lines = [
    `Hello,`,
    ``,
    `The ${year} inventory campaign is waiting for ${row.path} (status: ${row.status}).`,
    row.missing.length > 0
      ? `Sources still expected: ${row.missing.join(', ')} (received ${row.sourcesReceived} of ${row.sourcesExpected}).`
      : `Every expected source has arrived.`,
  ]
  if (row.status === 'sent-back' && row.lastDecision !== null)
    lines.push(`Your data was sent back by ${row.lastDecision.actor}: ${row.lastDecision.comment}`)
  if (row.quarantinedRows > 0)
    lines.push(`${row.quarantinedRows} line(s) of your files were quarantined; fix and upload them again.`)
  lines.push('', 'Thank you.')
  return lines.join('\n')
}

/** Reads smtp://host:port (port 25 by default). */
export function parseSmtpUrl(text: string): { host: string; port: number } {
  const match = /^smtp:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?\/?$/.exec(text.trim())
  if (!match) throw new AppError('invalid_argument', `--smtp takes smtp://host:port, not "${text}".`)
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] === undefined ? 25 : Number(match[2]) }
}
