/**
 * `referential import|list|export|use|diff`: versioned NumEcoEval / G4IT referentials in the workspace
 * (docs/referentials.md). Import reads the G4IT CSV formats with the NumEcoEval engine's readers
 * (core/numecoeval/referential-tables.ts), all or nothing; a campaign pinned to a version is computed with it
 * through the usual footprint pipeline (referential-catalogue.ts, core/referential/g4it-referential.ts).
 */
import { createFootprintCalculator } from '../core/footprint/compute-footprint.js'
import { createOverrideResolver } from '../core/footprint/electricity-override.js'
import { PHASE_IDS, type CategoryId, type PhaseId } from '../core/inventory/categories.js'
import {
  addReferentialTable,
  emptyReferential,
  recogniseReferentialTable,
  REFERENTIAL_TABLE_KINDS,
  referentialTableToCells,
  type NeReferential,
  type NeTableKind,
  type ReferentialFormat,
  type TableProblem,
} from '../core/numecoeval/referential-tables.js'
import { referentialToG4itTables } from '../core/referential/g4it-referential.js'
import { CRITERIA, type CriterionId, type Referential } from '../core/referential/referential.js'
import { recordAudit, requirePermission, requireWholeTree } from './access.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { resolveCampaign } from './campaigns.js'
import { emptyFootprintInput } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { Deps, StoredReferentialVersion } from './ports.js'
import { importedReferential, resolveReferential } from './referential-catalogue.js'
import { csvFilesIn, readCells, throwTableProblems } from './run-conformance.js'

export const REFERENTIAL_FORMATS: readonly ReferentialFormat[] = ['g4it', 'numecoeval']

const parseFormat = (text: string | null): ReferentialFormat | null => {
  if (text === null) return null
  if ((REFERENTIAL_FORMATS as readonly string[]).includes(text)) return text as ReferentialFormat
  throw new AppError('invalid_argument', `--format takes ${REFERENTIAL_FORMATS.join(' or ')}, not "${text}"`)
}

export type ReferentialImportResult = {
  referential: string
  format: ReferentialFormat
  files: { file: string; table: NeTableKind; rows: number }[]
  /** Files of a folder that hold no referential table (G4IT's ref_device_type.csv…), left out. */
  skipped: string[]
  counts: Record<NeTableKind, number>
}

/**
 * Imports referential files (or every CSV of folders) as `name@version`. Each file is recognised by its header;
 * a file named explicitly that is no referential table, a bad cell (file, line, column) or a name@version that
 * exists already refuses the whole import: nothing is stored.
 */
export async function importReferential(
  deps: Deps,
  input: { paths: readonly string[]; format: string | null; name: string | null; version: string | null; atMs: number | null },
): Promise<ReferentialImportResult> {
  requireReferentialManager(deps, 'Importing a referential')
  if (input.paths.length === 0)
    throw new AppError('invalid_argument', 'referential import needs files or a folder (G4IT ref_*.csv or NumEcoEval criterion.csv…)')
  const files: { path: string; isExplicit: boolean }[] = []
  for (const path of input.paths) {
    const inFolder = await csvFilesIn(deps, path)
    if (inFolder === null) files.push({ path, isExplicit: true })
    else files.push(...inFolder.map((file) => ({ path: file, isExplicit: false })))
  }
  const tables = emptyReferential()
  const problems: TableProblem[] = []
  const read: ReferentialImportResult['files'] = []
  const skipped: string[] = []
  for (const { path, isExplicit } of files) {
    const table = await readCells(deps, path)
    const kind = recogniseReferentialTable(table.header)
    if (kind === null) {
      if (isExplicit)
        problems.push({
          file: path,
          line: table.headerLine,
          column: 0,
          columnName: '',
          message: `no referential table has this header (${table.header.slice(0, 6).join(';')}…); see docs/referentials.md`,
        })
      else skipped.push(path)
      continue
    }
    const before = tables[kind].length
    problems.push(...addReferentialTable(tables, kind, table))
    read.push({ file: path, table: kind, rows: tables[kind].length - before })
  }
  throwTableProblems(problems)
  if (tables.itemImpacts.length === 0)
    throw new AppError('unknown_format', `${input.paths.join(', ')}: no item impact table (itemImpact.csv / ref_item_impact*.csv)`)
  const format =
    parseFormat(input.format) ?? (read.some((entry) => deps.files.baseName(entry.file).startsWith('ref_')) ? 'g4it' : 'numecoeval')
  const name = (input.name ?? deps.files.baseName(input.paths[0] ?? 'referential').replace(/\.csv$/i, '')).trim()
  const base = await deps.referential.load()
  if (name === '' || name.includes('@') || name === base.id || name === 'default')
    throw new AppError('invalid_argument', `--name "${name}" is not usable: give a name without "@", other than ${base.id}`)
  const existing = (await deps.referentials.list()).filter((entry) => entry.name === name)
  const version = (input.version ?? String(existing.length + 1)).trim()
  if (version === '') throw new AppError('invalid_argument', '--version must not be empty')
  if (existing.some((entry) => entry.version === version))
    throw new AppError(
      'conflict',
      `Referential ${name}@${version} exists already: versions never change once imported; give another --version.`,
    )
  const stored = await deps.referentials.add(
    { name, version, format, files: read.map((entry) => entry.file), importedMs: input.atMs },
    tables,
  )
  await recordAudit(deps, {
    action: 'referential.import',
    target: `${name}@${version}`,
    organisation: null,
    details: { format, counts: stored.counts },
  })
  return { referential: `${name}@${version}`, format, files: read, skipped, counts: stored.counts }
}

/** Referentials and pins apply to the whole workspace: a rule manager of the whole tree changes them (audited). */
function requireReferentialManager(deps: Deps, what: string): void {
  requirePermission(deps, 'manage-rules')
  requireWholeTree(deps, what)
}

export type ReferentialListing = {
  referentials: {
    referential: string
    kind: 'default' | 'imported'
    format: ReferentialFormat | null
    importedMs: number | null
    counts: Record<NeTableKind, number> | null
    /** Campaign years pinned to it (latest pin). */
    campaigns: number[]
  }[]
}

/** The built-in default and every imported version, with the campaigns pinned to each. */
export async function listReferentials(deps: Deps): Promise<ReferentialListing> {
  const base = await deps.referential.load()
  const defaultText = `${base.id}@${base.version}`
  const pins = new Map<string, number[]>()
  for (const campaign of await deps.plans.listCampaigns()) {
    const pinned = (await deps.referentials.pinned(campaign.id)) ?? defaultText
    const text = pinned === base.id ? defaultText : pinned
    pins.set(text, [...(pins.get(text) ?? []), campaign.year])
  }
  const versions = await deps.referentials.list()
  return {
    referentials: [
      { referential: defaultText, kind: 'default', format: null, importedMs: null, counts: null, campaigns: pins.get(defaultText) ?? [] },
      ...versions.map((entry: StoredReferentialVersion) => {
        const text = `${entry.name}@${entry.version}`
        return {
          referential: text,
          kind: 'imported' as const,
          format: entry.format,
          importedMs: entry.importedMs,
          counts: entry.counts,
          campaigns: pins.get(text) ?? [],
        }
      }),
    ],
  }
}

/** One `;`-separated CSV cell: quoted when it holds the separator, a quote, a line break or edge spaces. */
function csvCell(text: string): string {
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The tables as CSV texts in a naming (empty tables are left out). */
export function referentialCsvFiles(tables: NeReferential, format: ReferentialFormat): { fileName: string; text: string; rows: number }[] {
  const result: { fileName: string; text: string; rows: number }[] = []
  for (const kind of REFERENTIAL_TABLE_KINDS) {
    if (tables[kind].length === 0) continue
    const { fileName, header, rows } = referentialTableToCells(tables, kind, format)
    const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'))
    result.push({ fileName, text: `${lines.join('\n')}\n`, rows: rows.length })
  }
  return result
}

/**
 * Writes a referential as G4IT CSV files (or NumEcoEval names with `format`): an imported version as it was
 * read, the built-in default through core/referential/g4it-referential.ts.
 */
export async function exportReferential(
  deps: Deps,
  input: { directory: string; referential: string | null; format: string | null },
): Promise<{ referential: string; directory: string; files: { file: string; rows: number }[] }> {
  const format = parseFormat(input.format) ?? 'g4it'
  const resolved = await resolveReferential(deps, input.referential ?? 'default')
  const tables =
    resolved.kind === 'imported'
      ? (await importedReferential(deps, resolved.stored)).tables
      : referentialToG4itTables(resolved.referential)
  await deps.files.ensureDirectory(input.directory)
  const files: { file: string; rows: number }[] = []
  for (const file of referentialCsvFiles(tables, format)) {
    const path = deps.files.join(input.directory, file.fileName)
    await deps.folders.writeText(path, file.text)
    files.push({ file: path, rows: file.rows })
  }
  return { referential: resolved.text, directory: input.directory, files }
}

/**
 * Pins a campaign to a referential (`NAME@VERSION` or the default): its next computation uses it. A closed
 * campaign is never recomputed silently: it is restated (`campaign restate --referential`) instead.
 */
export async function useReferential(
  deps: Deps,
  input: { referential: string; campaignYear: number | null; atMs: number | null },
): Promise<{ campaign: number; referential: string; previous: string }> {
  requireReferentialManager(deps, 'Pinning a campaign to a referential')
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const setups = await deps.campaigns.setups(campaign.id)
  const latest = setups[setups.length - 1]
  if (latest?.state === 'closed')
    throw new AppError(
      'conflict',
      `Campaign ${campaign.year} is closed: its results are frozen with ${latest.frozenReferential ?? latest.referential}. ` +
        `Restate it on another referential with empreinte campaign restate --campaign ${campaign.year} --referential ${input.referential}.`,
    )
  const base = await deps.referential.load()
  const previous = (await deps.referentials.pinned(campaign.id)) ?? `${base.id}@${base.version}`
  const resolved = await resolveReferential(deps, input.referential)
  await deps.referentials.pin(campaign.id, resolved.text, input.atMs)
  await recordAudit(deps, {
    action: 'referential.use',
    target: String(campaign.year),
    organisation: null,
    details: { referential: resolved.text, previous },
  })
  return { campaign: campaign.year, referential: resolved.text, previous }
}

export type FactorChange = {
  kind: 'embodied' | 'annual-kwh' | 'lifetime' | 'electricity' | 'hypothesis' | 'category-default'
  /** Item id, country code or hypothesis name. */
  key: string
  criterion: CriterionId | null
  phase: PhaseId | null
  before: number | string | null
  after: number | string | null
  unit: string
}

export type EffectRow = { category: CategoryId; phase: PhaseId; criterion: CriterionId; before: number; after: number; change: number }

export type ReferentialDiff = {
  before: string
  after: string
  factors: FactorChange[]
  campaign: number | null
  /** The campaign's totals per criterion under each referential (recomputed in memory; nothing is stored). */
  totals: { criterion: CriterionId; unit: string; before: number; after: number; change: number }[]
  /** Where the change lands: per category, phase and criterion, rows that change only. */
  effects: EffectRow[]
}

/** The factors that differ between two referentials (items compared by id, mixes by country). */
export function diffFactors(before: Referential, after: Referential): FactorChange[] {
  const changes: FactorChange[] = []
  const push = (change: FactorChange): void => {
    if (change.before !== change.after) changes.push(change)
  }
  const ids = [...new Set([...before.items.keys(), ...after.items.keys()])].sort()
  const criteria = Object.keys(CRITERIA) as CriterionId[]
  for (const id of ids) {
    const a = before.items.get(id)
    const b = after.items.get(id)
    for (const criterion of criteria) {
      for (const phase of ['manufacturing', 'distribution', 'end-of-life'] as const) {
        push({
          kind: 'embodied',
          key: id,
          criterion,
          phase,
          before: a?.embodied[criterion]?.[phase].value ?? null,
          after: b?.embodied[criterion]?.[phase].value ?? null,
          unit: `${CRITERIA[criterion].unit}/unit`,
        })
      }
    }
    push({ kind: 'annual-kwh', key: id, criterion: null, phase: 'use', before: a?.annualKwh.value ?? null, after: b?.annualKwh.value ?? null, unit: 'kWh/yr' })
    push({ kind: 'lifetime', key: id, criterion: null, phase: null, before: a?.lifetimeYears.value ?? null, after: b?.lifetimeYears.value ?? null, unit: 'years' })
  }
  const countries = [...new Set([...before.electricity.keys(), ...after.electricity.keys()])].sort()
  for (const country of countries)
    for (const criterion of criteria)
      push({
        kind: 'electricity',
        key: country,
        criterion,
        phase: 'use',
        before: before.electricity.get(country)?.factors[criterion]?.value ?? null,
        after: after.electricity.get(country)?.factors[criterion]?.value ?? null,
        unit: `${CRITERIA[criterion].unit}/kWh`,
      })
  const hypotheses = ['defaultPue', 'defaultLifetimeYears', 'minimumLifetimeYears', 'companyUtilisationRate', 'personalUtilisationRate'] as const
  for (const name of hypotheses)
    push({ kind: 'hypothesis', key: name, criterion: null, phase: null, before: before.hypotheses[name].value, after: after.hypotheses[name].value, unit: before.hypotheses[name].unit })
  for (const category of Object.keys(before.defaultItemByCategory) as CategoryId[])
    push({ kind: 'category-default', key: category, criterion: null, phase: null, before: before.defaultItemByCategory[category] ?? null, after: after.defaultItemByCategory[category] ?? null, unit: 'item' })
  return changes
}

/**
 * `referential diff A B [--campaign YEAR]`: the factors that changed from A to B and, for a campaign, its footprint
 * under each (every asset recomputed in memory with the same pipeline; nothing is stored, a closed campaign's
 * frozen results stay as they are), per category, phase and criterion.
 */
export async function diffReferentials(
  deps: Deps,
  input: { before: string; after: string; campaignYear: number | null },
): Promise<ReferentialDiff> {
  const [a, b] = [await resolveReferential(deps, input.before), await resolveReferential(deps, input.after)]
  const factors = diffFactors(a.referential, b.referential)
  const campaign = await (input.campaignYear === null ? deps.store.latestCampaign() : resolveCampaign(deps.store, input.campaignYear))
  if (campaign === null) return { before: a.text, after: b.text, factors, campaign: null, totals: [], effects: [] }
  const calculators = await Promise.all(
    [a, b].map(async (side) => {
      const { referential } = await loadCampaignReferential(deps, campaign, { base: side.referential })
      return createFootprintCalculator({ referential, referenceDay: campaign.referenceDay })
    }),
  )
  const overrides = await deps.electricity.list()
  const overrideOf = overrides.length > 0 ? createOverrideResolver(overrides) : null
  const sums = new Map<string, EffectRow>()
  const row = emptyFootprintInput()
  for await (const batch of deps.store.readComputeRows(campaign.id)) {
    for (let index = 0; index < batch.length; index++) {
      batch.fill(index, row)
      if (overrideOf !== null) row.electricityOverride = overrideOf(batch.organisation(index), batch.site?.(index) ?? null)
      const results = calculators.map((calculate) => calculate(row))
      results.forEach((result, side) => {
        for (const [criterion, phases] of Object.entries(result.impacts) as [CriterionId, Record<PhaseId, number>][]) {
          for (const phase of PHASE_IDS) {
            const key = `${row.category}\u0000${phase}\u0000${criterion}`
            const sum = sums.get(key) ?? { category: row.category, phase, criterion, before: 0, after: 0, change: 0 }
            if (side === 0) sum.before += phases[phase]
            else sum.after += phases[phase]
            sums.set(key, sum)
          }
        }
      })
    }
  }
  const totals = new Map<CriterionId, { before: number; after: number }>()
  const effects: EffectRow[] = []
  for (const sum of sums.values()) {
    sum.change = sum.after - sum.before
    const total = totals.get(sum.criterion) ?? { before: 0, after: 0 }
    total.before += sum.before
    total.after += sum.after
    totals.set(sum.criterion, total)
    if (sum.change !== 0) effects.push(sum)
  }
  effects.sort((left, right) => Math.abs(right.change) - Math.abs(left.change))
  const criteria = (Object.keys(CRITERIA) as CriterionId[]).filter((criterion) => totals.has(criterion))
  return {
    before: a.text,
    after: b.text,
    factors,
    campaign: campaign.year,
    totals: criteria.map((criterion) => {
      const total = totals.get(criterion)!
      return { criterion, unit: CRITERIA[criterion].unit, before: total.before, after: total.after, change: total.after - total.before }
    }),
    effects,
  }
}
