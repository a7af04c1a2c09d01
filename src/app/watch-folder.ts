/**
 * Unattended imports from a drop folder (`empreinte watch DIR`).
 *
 * The folder is polled rather than watched with file-system events: drop folders are usually network
 * shares (SMB/CIFS, NFS), where change notifications are missing or unreliable, and a poll every few
 * seconds costs nothing next to an import. A file is imported once its size and modification time are the
 * same at two successive polls, so a file still being copied is left alone until the copy ends.
 */
import { resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import { importFiles, type ImportedFile } from './import-files.js'
import type { Deps, FolderEntry, QualityBySource } from './ports.js'

/** The import options of `empreinte import`, applied to every file dropped (everything but the files). */
export type WatchImportOptions = Omit<Parameters<typeof importFiles>[1], 'files'>

/** Time as the watch loop sees it: the CLI sleeps for real and stops on SIGTERM, tests drive each poll. */
export type Scheduler = {
  /** Waits `seconds`, or less when a stop is requested meanwhile. */
  sleep(seconds: number): Promise<void>
  isStopRequested(): boolean
  /** Milliseconds since 1970, for the logs. */
  now(): number
}

export type WatchFolderInput = {
  folder: string
  intervalSeconds: number
  /** Two polls (to tell finished files from files still being copied), import what is ready, return. */
  isOnce: boolean
  importOptions: WatchImportOptions
}

export type WatchStatus = 'imported' | 'already-imported' | 'failed'

/** What became of one dropped file: one line of `watch` output, one `.log` file next to it. */
export type WatchedFile = {
  /** The file's name; `FOLDER/name` for a file of an organisation's subfolder. */
  file: string
  /** The organisation a subfolder named (its path), or null for a file at the top of the folder. */
  organisation: string | null
  status: WatchStatus
  checksum: string | null
  /** Where the file is now (in imported/ or failed/), or null when it could not be moved. */
  movedTo: string | null
  log: string | null
  at: string
  imports: ImportedFile[]
  error: string | null
}

export type WatchSummary = { polls: number; imported: number; alreadyImported: number; failed: number }

export const IMPORTED_FOLDER = 'imported'
export const FAILED_FOLDER = 'failed'

/** A folder polled: the top of the drop folder, or one organisation's subfolder. */
type Place = { folder: string; subfolder: string | null }

/**
 * Polls `folder` every `intervalSeconds`, imports each file whose size and modification time did not change
 * since the previous poll, moves it to imported/ or failed/ with a `.log` beside it, and reports it through
 * `onFile`. Runs until the scheduler says stop (after the current file), or after two polls with `isOnce`.
 * Each subfolder (but imported/, failed/ and hidden ones) is an organisation's drop folder: its files are
 * imported for the organisation it names (`import --organisation NAME`), and go to its own imported/ or failed/.
 * @example await watchFolder(deps, scheduler, { folder: '/srv/drop', intervalSeconds: 10, isOnce: true, importOptions }, console.log)
 */
export async function watchFolder(
  deps: Deps,
  scheduler: Scheduler,
  input: WatchFolderInput,
  onFile: (file: WatchedFile) => void,
): Promise<WatchSummary> {
  const summary: WatchSummary = { polls: 0, imported: 0, alreadyImported: 0, failed: 0 }
  let previous = new Map<string, string>()
  // Files that could not be moved away keep their place: skip them until they change.
  const stuck = new Map<string, string>()
  while (!scheduler.isStopRequested()) {
    const entries = (await listFolder(deps, input.folder)).filter((entry) => isCandidate(entry.name))
    const places: { place: Place; entries: FolderEntry[] }[] = [
      { place: { folder: input.folder, subfolder: null }, entries },
    ]
    for (const name of await deps.folders.subfolders(input.folder)) {
      if (name === IMPORTED_FOLDER || name === FAILED_FOLDER || !isCandidate(name)) continue
      const folder = deps.files.join(input.folder, name)
      const found = ((await deps.folders.list(folder)) ?? []).filter((entry) => isCandidate(entry.name))
      places.push({ place: { folder, subfolder: name }, entries: found })
    }
    summary.polls += 1
    const current = new Map<string, string>()
    for (const { place, entries: found } of places)
      for (const entry of found) current.set(keyOf(place, entry.name), signature(entry))
    for (const { place, entries: found } of places) {
      for (const entry of readyFiles(place, found, previous, stuck)) {
        if (scheduler.isStopRequested()) break
        const key = keyOf(place, entry.name)
        const watched = await processFile(deps, scheduler, input, place, entry.name)
        summary[watched.status === 'already-imported' ? 'alreadyImported' : watched.status] += 1
        if (watched.movedTo === null) stuck.set(key, signature(entry))
        current.delete(key)
        onFile(watched)
      }
    }
    previous = current
    if (input.isOnce && summary.polls >= 2) break
    await scheduler.sleep(input.intervalSeconds)
  }
  return summary
}

/** Office lock files (`~$x.xlsx`), hidden files and partial downloads or copies are never imported. */
export function isCandidate(name: string): boolean {
  return (
    !name.startsWith('.') && !name.startsWith('~$') && !/\.(tmp|part)$/i.test(name) && !/\.log$/i.test(name)
  )
}

async function listFolder(deps: Deps, folder: string): Promise<FolderEntry[]> {
  const entries = await deps.folders.list(folder)
  if (entries === null)
    throw new AppError('file_not_found', `${folder}: no such folder to watch.`, { file: folder })
  return entries
}

function signature(entry: FolderEntry): string {
  return `${entry.sizeBytes}:${entry.modifiedMs}`
}

/** The key of a file across polls: its name, prefixed with its subfolder. */
function keyOf(place: Place, name: string): string {
  return place.subfolder === null ? name : `${place.subfolder}/${name}`
}

function readyFiles(
  place: Place,
  entries: FolderEntry[],
  previous: Map<string, string>,
  stuck: Map<string, string>,
): FolderEntry[] {
  return entries
    .filter((entry) => {
      const key = keyOf(place, entry.name)
      return previous.get(key) === signature(entry) && stuck.get(key) !== signature(entry)
    })
    .sort((left, right) => left.name.localeCompare(right.name))
}

async function processFile(
  deps: Deps,
  scheduler: Scheduler,
  input: WatchFolderInput,
  place: Place,
  name: string,
): Promise<WatchedFile> {
  const path = deps.files.join(place.folder, name)
  const at = new Date(scheduler.now()).toISOString()
  let checksum: string | null = null
  let organisation: string | null = null
  let imports: ImportedFile[] = []
  let reasons = new Map<string, QualityBySource['reasons']>()
  let error: unknown = null
  try {
    checksum = await deps.files.checksum(path)
    if (place.subfolder !== null)
      organisation = (await subfolderOrganisation(deps, place.subfolder)).join(' > ')
    const report = await importFiles(deps, {
      ...input.importOptions,
      ...(organisation === null ? {} : { organisation }),
      files: [{ path, label: name }],
    })
    imports = report.imports
    reasons = await reasonsOfNewImports(deps, report.campaign, checksum, imports)
  } catch (caught) {
    error = caught
  }
  const status: WatchStatus =
    error !== null
      ? 'failed'
      : imports.every((item) => item.isAlreadyImported)
        ? 'already-imported'
        : 'imported'
  const watched: WatchedFile = {
    file: keyOf(place, name),
    organisation,
    status,
    checksum,
    movedTo: null,
    log: null,
    at,
    imports,
    error: error === null ? null : describeError(error),
  }
  const folder = deps.files.join(place.folder, status === 'failed' ? FAILED_FOLDER : IMPORTED_FOLDER)
  try {
    const target = deps.files.join(folder, await freeName(deps, folder, name))
    await deps.folders.move(path, target)
    watched.movedTo = target
    watched.log = `${target}.log`
    await deps.folders.writeText(watched.log, formatLog(watched, reasons))
  } catch (moveError) {
    const message = `could not move ${name} to ${folder}: ${describeError(moveError)}`
    watched.error = watched.error === null ? message : `${watched.error}; ${message}`
  }
  return watched
}

/**
 * The organisation a subfolder names (its name or full path, as `import --organisation` takes it). Unlike
 * `import --organisation`, a name that is no organisation yet is refused rather than created: a misspelt
 * folder must not become a new organisation.
 */
async function subfolderOrganisation(deps: Deps, subfolder: string): Promise<string[]> {
  try {
    return await resolveOrganisation(deps.store, subfolder)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      throw new AppError(
        'not_found',
        `subfolder "${subfolder}" names no organisation of the workspace; name it after an organisation (as empreinte campaign status lists them), or create the organisation first.`,
      )
    throw error
  }
}

/** The findings by reason of the imports this file added, by import name ("file", "file.xlsx#Sheet"). */
async function reasonsOfNewImports(
  deps: Deps,
  year: number,
  checksum: string,
  imports: ImportedFile[],
): Promise<Map<string, QualityBySource['reasons']>> {
  const reasons = new Map<string, QualityBySource['reasons']>()
  if (imports.every((item) => item.isAlreadyImported)) return reasons
  const campaign = await deps.store.findCampaign(year)
  if (campaign === null) return reasons
  const ids = new Set(
    (await deps.store.listImports(campaign.id))
      .filter((record) => record.checksum === checksum || record.checksum.startsWith(`${checksum}#`))
      .map((record) => record.id),
  )
  for (const source of await deps.store.qualityBySource(campaign.id)) {
    if (ids.has(source.importId)) reasons.set(source.fileName, source.reasons)
  }
  return reasons
}

/** `name`, else `stem-2.ext`, `stem-3.ext`… : the first name that neither a file nor its log uses yet. */
async function freeName(deps: Deps, folder: string, name: string): Promise<string> {
  const taken = new Set(((await deps.folders.list(folder)) ?? []).map((entry) => entry.name))
  const dot = name.lastIndexOf('.')
  const stem = dot > 0 ? name.slice(0, dot) : name
  const extension = dot > 0 ? name.slice(dot) : ''
  let candidate = name
  for (let suffix = 2; taken.has(candidate) || taken.has(`${candidate}.log`); suffix += 1) {
    candidate = `${stem}-${suffix}${extension}`
  }
  return candidate
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const details = error instanceof AppError ? error.details : {}
  const where = ['line', 'column']
    .filter((key) => details[key] !== undefined && !error.message.includes(`${key} ${String(details[key])}`))
    .map((key) => `${key} ${String(details[key])}`)
  return where.length > 0 ? `${error.message} (${where.join(', ')})` : error.message
}

/** The text of `<file>.log`: when, which bytes, what was detected, the counts, or the error. */
export function formatLog(watched: WatchedFile, reasons: Map<string, QualityBySource['reasons']>): string {
  const lines = [
    `time: ${watched.at}`,
    `file: ${watched.file}`,
    ...(watched.organisation === null ? [] : [`organisation: ${watched.organisation}`]),
    `checksum (sha-256): ${watched.checksum ?? 'unknown'}`,
    `status: ${watched.status}`,
  ]
  if (watched.error !== null) lines.push(`error: ${watched.error}`)
  for (const item of watched.imports) {
    lines.push('', `import: ${item.file}`)
    if (item.isAlreadyImported) lines.push('already imported (same checksum): nothing added')
    lines.push(
      `format: ${item.format} (${item.kind}, ${item.encoding}, delimiter "${item.delimiter}")`,
      `rows read: ${item.rowsRead}`,
      `rows accepted: ${item.rowsAccepted}`,
      `rows quarantined: ${item.rowsQuarantined}`,
      `rows imputed: ${item.rowsImputed}`,
    )
    for (const assumption of item.assumptions) lines.push(`assumption: ${assumption}`)
    // Most frequent reason first, then by code: the log reads the same from one run to the next.
    const found = (item.isAlreadyImported ? [] : [...(reasons.get(item.file) ?? [])]).sort(
      (left, right) => right.rows - left.rows || left.code.localeCompare(right.code),
    )
    for (const reason of found) {
      lines.push(
        `findings: ${reason.code}${reason.column ? ` (column "${reason.column}")` : ''}: ${reason.rows} row(s)`,
      )
    }
  }
  return lines.join('\n') + '\n'
}
