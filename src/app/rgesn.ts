/**
 * Use cases of the RGESN self-assessment (docs/services.md#rgesn): load the criteria from the file the user
 * downloaded (the published JSON export, or a CSV with columns id;thematique;critere), answer them per
 * project (one by one or from a CSV file), and score them with their history.
 */
import { foldText } from '../core/inventory/fold-text.js'
import {
  RGESN_ANSWERS,
  scoreRgesn,
  type RgesnAnswerValue,
  type RgesnCriterion,
  type RgesnScore,
} from '../core/services/rgesn-score.js'
import { AppError } from './errors.js'
import type { Deps, StructuredFile } from './ports.js'
import { requireProject } from './projects.js'

export type RgesnDeps = Pick<Deps, 'ecoDesign' | 'files'>

/** Column names a criteria CSV may use (case, accents, spaces and underscores ignored). */
const CRITERIA_COLUMNS = {
  id: ['id', 'numero', 'criterionid', 'identifiant'],
  family: ['thematique', 'famille', 'family', 'theme'],
  title: ['critere', 'title', 'titre', 'criterion'],
  url: ['url', 'lien', 'link'],
} as const

/** Column names of an answers CSV. */
const ANSWER_COLUMNS = {
  criterion: ['criterion', 'critere', 'id', 'numero', 'criterionid'],
  answer: ['answer', 'reponse', 'statut', 'status'],
  note: ['note', 'commentaire', 'comment', 'justification'],
} as const

/** Accepted spellings of each answer (folded, words joined by "-"): English ids and their French words. */
const ANSWER_WORDS: Readonly<Record<string, RgesnAnswerValue>> = {
  yes: 'yes',
  oui: 'yes',
  conforme: 'yes',
  no: 'no',
  non: 'no',
  'non-conforme': 'no',
  'not-applicable': 'not-applicable',
  na: 'not-applicable',
  'n-a': 'not-applicable',
  'non-applicable': 'not-applicable',
  'in-progress': 'in-progress',
  'en-cours': 'in-progress',
}

/** The answer `text` means, or null. */
export function parseRgesnAnswer(text: string): RgesnAnswerValue | null {
  const word = foldText(text).replace(/ /g, '-')
  return Object.hasOwn(ANSWER_WORDS, word) ? ANSWER_WORDS[word]! : null
}

const foldColumn = (name: string): string => foldText(name).replace(/ /g, '')

/** The version written in a file name (`…-version-v2.csv` → v2), else the base name without extension. */
function versionFromFileName(baseName: string): string {
  const stem = baseName.replace(/\.[^.]+$/, '')
  return /version-([^.]+)$/i.exec(stem)?.[1] ?? stem
}

function criteriaFromJson(document: StructuredFile): {
  version: string | null
  criteria: RgesnCriterion[]
  problems: string[]
} {
  const problems: string[] = []
  const at = (path: (string | number)[]): string => {
    const position = document.locate(path) ?? document.locate(path.slice(0, -1)) ?? { line: 1, column: 1 }
    return `${document.file}:${position.line}:${position.column}`
  }
  const value = document.value as { version?: unknown; criteres?: unknown } | null
  if (value === null || typeof value !== 'object' || !Array.isArray(value.criteres)) {
    return {
      version: null,
      criteria: [],
      problems: [`${at([])}: expected an object with a "criteres" list (the RGESN JSON export)`],
    }
  }
  const version =
    typeof value.version === 'string' || typeof value.version === 'number' ? String(value.version) : null
  const criteria: RgesnCriterion[] = []
  value.criteres.forEach((entry: unknown, index: number) => {
    const path = ['criteres', index]
    if (entry === null || typeof entry !== 'object') {
      problems.push(`${at(path)}: criteres[${index}] is not an object`)
      return
    }
    const record = entry as Record<string, unknown>
    const text = (field: string, isRequired: boolean): string | null => {
      const cell = record[field]
      if ((typeof cell === 'string' && cell.trim() !== '') || typeof cell === 'number')
        return String(cell).trim()
      if (isRequired) {
        problems.push(
          `${at(cell === undefined ? path : [...path, field])}: criteres[${index}].${field} ${cell === undefined ? 'is missing' : 'must be a non-empty text'}`,
        )
      }
      return null
    }
    const id = text('id', true)
    const title = text('critere', true)
    const family = text('thematique', true)
    const url = text('url', false)
    if (id !== null && title !== null && family !== null)
      criteria.push({ version: '', id, family, title, url })
  })
  return { version, criteria, problems }
}

async function criteriaFromCsv(
  deps: Pick<Deps, 'files'>,
  file: string,
): Promise<{ criteria: RgesnCriterion[]; problems: string[] }> {
  const table = await deps.files.readTable(file)
  if (table.problem) throw new AppError('invalid_argument', `${file}: ${table.problem.message}`)
  const header = table.header.map(foldColumn)
  const indexOf = (names: readonly string[]): number => header.findIndex((name) => names.includes(name))
  const columns = {
    id: indexOf(CRITERIA_COLUMNS.id),
    family: indexOf(CRITERIA_COLUMNS.family),
    title: indexOf(CRITERIA_COLUMNS.title),
    url: indexOf(CRITERIA_COLUMNS.url),
  }
  const missing = (['id', 'family', 'title'] as const).filter((key) => columns[key] < 0)
  if (missing.length > 0) {
    throw new AppError(
      'missing_columns',
      `${file}:${table.headerLine}:1: missing column(s) ${missing.map((key) => CRITERIA_COLUMNS[key][0]).join(', ')} ` +
        `(expected id;thematique;critere[;url]); found ${table.header.join(', ')}.`,
    )
  }
  const criteria: RgesnCriterion[] = []
  const problems: string[] = []
  for await (const batch of table.batches) {
    for (const row of batch) {
      const cell = (column: number): string => (column < 0 ? '' : (row.values[column] ?? '').trim())
      if (row.values.every((value) => value.trim() === '')) continue
      const empty = (['id', 'family', 'title'] as const).filter((key) => cell(columns[key]) === '')
      for (const key of empty) {
        problems.push(`${file}:${row.line}:${columns[key] + 1}: empty ${table.header[columns[key]]}`)
      }
      if (empty.length > 0) continue
      const url = cell(columns.url)
      criteria.push({
        version: '',
        id: cell(columns.id),
        family: cell(columns.family),
        title: cell(columns.title),
        url: url === '' ? null : url,
      })
    }
  }
  return { criteria, problems }
}

/**
 * Loads the RGESN criteria from the published JSON export (`criteres[]` with id, critere, thematique, url) or a
 * CSV (id;thematique;critere[;url]); the loaded version becomes the one projects are scored against.
 * @example await loadRgesn(deps, { file: 'referentiel-general-ecoconception-version-v2.json', atMs: null })
 */
export async function loadRgesn(
  deps: RgesnDeps,
  input: { file: string; atMs: number | null },
): Promise<{
  version: string
  file: string
  criteria: number
  families: { family: string; criteria: number }[]
}> {
  const isCsv = /\.(csv|txt)$/i.test(input.file)
  let version: string | null = null
  let loaded: { criteria: RgesnCriterion[]; problems: string[] }
  if (isCsv) {
    loaded = await criteriaFromCsv(deps, input.file)
  } else {
    const document = await deps.files.readStructuredFile(input.file)
    const fromJson = criteriaFromJson(document)
    version = fromJson.version
    loaded = fromJson
  }
  const seen = new Set<string>()
  for (const criterion of loaded.criteria) {
    if (seen.has(criterion.id))
      loaded.problems.push(`${input.file}: criterion id "${criterion.id}" is listed twice`)
    seen.add(criterion.id)
  }
  if (loaded.problems.length > 0) {
    throw new AppError('invalid_argument', `Invalid RGESN criteria file:\n  ${loaded.problems.join('\n  ')}`)
  }
  if (loaded.criteria.length === 0) throw new AppError('empty_file', `${input.file}: no criterion found.`)
  const finalVersion = version ?? versionFromFileName(deps.files.baseName(input.file))
  const criteria = loaded.criteria.map((criterion) => ({ ...criterion, version: finalVersion }))
  await deps.ecoDesign.saveRgesnCriteria(finalVersion, criteria, input.atMs)
  const families = [...new Set(criteria.map((criterion) => criterion.family))]
  return {
    version: finalVersion,
    file: deps.files.baseName(input.file),
    criteria: criteria.length,
    families: families.map((family) => ({
      family,
      criteria: criteria.filter((criterion) => criterion.family === family).length,
    })),
  }
}

async function requireCriteria(deps: Pick<Deps, 'ecoDesign'>): Promise<RgesnCriterion[]> {
  const criteria = await deps.ecoDesign.rgesnCriteria()
  if (criteria.length === 0) {
    throw new AppError(
      'not_found',
      'No RGESN criteria loaded: run "empreinte rgesn load FILE" with the published file first.',
    )
  }
  return criteria
}

export type RgesnAnswerInput = { criterion: string; answer: RgesnAnswerValue; note: string | null }

/** Records answers of a project (appended: earlier answers stay in the history); every criterion must be loaded. */
export async function answerRgesn(
  deps: Pick<Deps, 'ecoDesign'>,
  input: { project: string; answers: readonly RgesnAnswerInput[]; atMs: number | null },
): Promise<{ project: string; recorded: number; score: RgesnScoreView }> {
  const project = await requireProject(deps, input.project)
  const criteria = await requireCriteria(deps)
  const ids = new Set(criteria.map((criterion) => criterion.id))
  const unknown = input.answers
    .filter((answer) => !ids.has(answer.criterion))
    .map((answer) => answer.criterion)
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_argument',
      `Unknown RGESN criterion ${unknown.map((id) => `"${id}"`).join(', ')} (version ${criteria[0]!.version} lists ${criteria.length}: ${criteria[0]!.id} … ${criteria.at(-1)!.id}).`,
    )
  }
  if (input.answers.length === 0) throw new AppError('invalid_argument', 'Give at least one answer.')
  await deps.ecoDesign.addRgesnAnswers(project.id, input.answers, input.atMs)
  return {
    project: project.name,
    recorded: input.answers.length,
    score: await scoreView(deps, project.id, criteria),
  }
}

/** Reads answers from a CSV (criterion;answer[;note]); every bad line is reported with its line and column. */
export async function readRgesnAnswers(deps: Pick<Deps, 'files'>, file: string): Promise<RgesnAnswerInput[]> {
  const table = await deps.files.readTable(file)
  if (table.problem) throw new AppError('invalid_argument', `${file}: ${table.problem.message}`)
  const header = table.header.map(foldColumn)
  const indexOf = (names: readonly string[]): number => header.findIndex((name) => names.includes(name))
  const criterionColumn = indexOf(ANSWER_COLUMNS.criterion)
  const answerColumn = indexOf(ANSWER_COLUMNS.answer)
  const noteColumn = indexOf(ANSWER_COLUMNS.note)
  if (criterionColumn < 0 || answerColumn < 0) {
    throw new AppError(
      'missing_columns',
      `${file}:${table.headerLine}:1: expected columns criterion;answer[;note]; found ${table.header.join(', ')}.`,
    )
  }
  const answers: RgesnAnswerInput[] = []
  const problems: string[] = []
  for await (const batch of table.batches) {
    for (const row of batch) {
      const cell = (column: number): string => (column < 0 ? '' : (row.values[column] ?? '').trim())
      if (row.values.every((value) => value.trim() === '')) continue
      const criterion = cell(criterionColumn)
      const answer = parseRgesnAnswer(cell(answerColumn))
      if (criterion === '') problems.push(`${file}:${row.line}:${criterionColumn + 1}: empty criterion`)
      if (answer === null) {
        problems.push(
          `${file}:${row.line}:${answerColumn + 1}: "${cell(answerColumn)}" is not an answer (use ${RGESN_ANSWERS.join(', ')})`,
        )
      }
      if (criterion === '' || answer === null) continue
      const note = cell(noteColumn)
      answers.push({ criterion, answer, note: note === '' ? null : note })
    }
  }
  if (problems.length > 0)
    throw new AppError('invalid_argument', `Invalid answers file:\n  ${problems.join('\n  ')}`)
  return answers
}

export type RgesnScoreView = Omit<RgesnScore, 'history' | 'items'> & {
  items: (RgesnScore['items'][number] & { at: string | null })[]
  history: (RgesnScore['history'][number] & { at: string })[]
}

async function scoreView(
  deps: Pick<Deps, 'ecoDesign'>,
  projectId: number,
  criteria: RgesnCriterion[],
): Promise<RgesnScoreView> {
  const score = scoreRgesn(criteria, await deps.ecoDesign.listRgesnAnswers(projectId))
  return {
    ...score,
    items: score.items.map((item) => ({
      ...item,
      at: item.atMs === null ? null : new Date(item.atMs).toISOString(),
    })),
    history: score.history.map((point) => ({ ...point, at: new Date(point.atMs).toISOString() })),
  }
}

/** A project's RGESN score: overall, per family, per criterion, and its history. */
export async function rgesnScore(
  deps: Pick<Deps, 'ecoDesign'>,
  input: { project: string },
): Promise<{ project: string } & RgesnScoreView> {
  const project = await requireProject(deps, input.project)
  const criteria = await requireCriteria(deps)
  return { project: project.name, ...(await scoreView(deps, project.id, criteria)) }
}
