import {
  diffReferentials,
  exportReferential,
  importReferential,
  listReferentials,
  useReferential,
} from '../../app/referential-versions.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

export const REFERENTIAL_USAGE =
  'referential import FILE…|DIR [--format g4it|numecoeval] [--name NAME] [--version V] | list | ' +
  'export DIR [--version NAME@V] [--format g4it|numecoeval] | use NAME@V [--campaign YEAR] | diff A B [--campaign YEAR]'

/** `empreinte referential import|list|export|use|diff` (docs/referentials.md). */
export async function referentialCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
  nowMs: number,
): Promise<{ json: unknown; text: string }> {
  const [subcommand, ...rest] = positional
  if (subcommand === 'import') {
    const result = await importReferential(deps, {
      paths: rest,
      format: options.format,
      name: options.name,
      version: options.version,
      atMs: nowMs,
    })
    const lines = [
      `Referential ${result.referential} imported (${result.format} files):`,
      formatTable(
        ['file', 'table', 'rows'],
        result.files.map((file) => [file.file, file.table, file.rows]),
      ),
    ]
    if (result.skipped.length > 0) lines.push(`Left out (no referential table): ${result.skipped.join(', ')}`)
    lines.push(`Pin a campaign to it: empreinte referential use ${result.referential} --campaign YEAR`)
    return { json: result, text: lines.join('\n') + '\n' }
  }
  if (subcommand === 'list') {
    const listing = await listReferentials(deps)
    return {
      json: listing,
      text:
        formatTable(
          ['referential', 'kind', 'format', 'item impacts', 'item types', 'campaigns'],
          listing.referentials.map((entry) => [
            entry.referential,
            entry.kind,
            entry.format ?? '—',
            entry.counts === null ? '—' : entry.counts.itemImpacts,
            entry.counts === null ? '—' : entry.counts.itemTypes,
            entry.campaigns.join(', ') || '—',
          ]),
        ) + '\n',
    }
  }
  if (subcommand === 'export') {
    if (rest.length !== 1) throw new AppError('invalid_argument', `referential export takes one folder: ${REFERENTIAL_USAGE}`)
    const result = await exportReferential(deps, { directory: rest[0]!, referential: options.version, format: options.format })
    return {
      json: result,
      text:
        `Referential ${result.referential} written to ${result.directory}:\n` +
        formatTable(['file', 'rows'], result.files.map((file) => [file.file, file.rows])) +
        '\n',
    }
  }
  if (subcommand === 'use') {
    if (rest.length !== 1) throw new AppError('invalid_argument', `referential use takes NAME@VERSION: ${REFERENTIAL_USAGE}`)
    const result = await useReferential(deps, { referential: rest[0]!, campaignYear: options.campaign, atMs: nowMs })
    return {
      json: result,
      text: `Campaign ${result.campaign} pinned to ${result.referential} (was ${result.previous}); its next computation uses it.\n`,
    }
  }
  if (subcommand === 'diff') {
    if (rest.length !== 2) throw new AppError('invalid_argument', `referential diff takes two referentials: ${REFERENTIAL_USAGE}`)
    const diff = await diffReferentials(deps, { before: rest[0]!, after: rest[1]!, campaignYear: options.campaign })
    const lines = [`Referential ${diff.before} → ${diff.after}: ${diff.factors.length} factor(s) differ`]
    const shown = diff.factors.slice(0, 40)
    if (shown.length > 0)
      lines.push(
        formatTable(
          ['factor', 'key', 'criterion', 'phase', 'before', 'after', 'unit'],
          shown.map((change) => [
            change.kind,
            change.key,
            change.criterion ?? '—',
            change.phase ?? '—',
            change.before ?? '—',
            change.after ?? '—',
            change.unit,
          ]),
        ),
      )
    if (diff.factors.length > shown.length) lines.push(`… and ${diff.factors.length - shown.length} more (--json lists all)`)
    if (diff.campaign !== null) {
      lines.push(`Effect on campaign ${diff.campaign} (recomputed in memory; nothing stored):`)
      lines.push(
        formatTable(
          ['criterion', 'unit', 'before', 'after', 'change'],
          diff.totals.map((total) => [total.criterion, total.unit, total.before, total.after, total.change]),
        ),
      )
      const climate = diff.effects.filter((effect) => effect.criterion === 'climate-change').slice(0, 20)
      if (climate.length > 0)
        lines.push(
          'Climate change by category and phase (kgCO2e/yr):',
          formatTable(
            ['category', 'phase', 'before', 'after', 'change'],
            climate.map((effect) => [effect.category, effect.phase, effect.before, effect.after, formatNumber(effect.change)]),
          ),
        )
    }
    return { json: diff, text: lines.join('\n') + '\n' }
  }
  throw new AppError('invalid_argument', `Usage: empreinte ${REFERENTIAL_USAGE}`)
}
