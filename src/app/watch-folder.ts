/**
 * Unattended imports from a drop folder (`empreinte watch DIR`).
 *
 * The folder is polled rather than watched with file-system events: drop folders are usually network
 * shares (SMB/CIFS, NFS), where change notifications are missing or unreliable, and a poll every few
 * seconds costs nothing next to an import. A file is imported once its size and modification time are the
 * same at two successive polls, so a file still being copied is left alone until the copy ends.
 */
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
  file: string
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

/**
 * Polls `folder` every `intervalSeconds`, imports each file whose size and modification time did not change
 * since the previous poll, moves it to imported/ or failed/ with a `.log` beside it, and reports it through
 * `onFile`. Runs until the scheduler says stop (after the current file), or after two polls with `isOnce`.
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
    summary.polls += 1
    const current = new Map(entries.map((entry) => [entry.name, signature(entry)]))
    for (const entry of readyFiles(entries, previous, stuck)) {
      if (scheduler.isStopRequested()) break
      const watched = await processFile(deps, scheduler, input, entry.name)
      summary[watched.status === 'already-imported' ? 'alreadyImported' : watched.status] += 1
      if (watched.movedTo === null) stuck.set(entry.name, signature(entry))
      current.delete(entry.name)
      onFile(watched)
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

function readyFiles(
  entries: FolderEntry[],
  previous: Map<string, string>,
  stuck: Map<string, string>,
): FolderEntry[] {
  return entries
    .filter(
      (entry) => previous.get(entry.name) === signature(entry) && stuck.get(entry.name) !== signature(entry),
    )
    .sort((left, right) => left.name.localeCompare(right.name))
}

async function processFile(
  deps: Deps,
  scheduler: Scheduler,
  input: WatchFolderInput,
  name: string,
): Promise<WatchedFile> {
  const path = deps.files.join(input.folder, name)
  const at = new Date(scheduler.now()).toISOString()
  let checksum: string | null = null
  let imports: ImportedFile[] = []
  let reasons = new Map<string, QualityBySource['reasons']>()
  let error: unknown = null
  try {
    checksum = await deps.files.checksum(path)
    const report = await importFiles(deps, { ...input.importOptions, files: [{ path, label: name }] })
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
    file: name,
    status,
    checksum,
    movedTo: null,
    log: null,
    at,
    imports,
    error: error === null ? null : describeError(error),
  }
  const folder = deps.files.join(input.folder, status === 'failed' ? FAILED_FOLDER : IMPORTED_FOLDER)
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
