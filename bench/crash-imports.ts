// Crash safety: imports killed with SIGKILL at random points, the workspace checked after each kill.
// Usage: npx tsx bench/crash-imports.ts [--kills 100] [--seed 7] [--max-rows 40000] [--keep DIR]
//
// For each of N files (varied fixtures in several formats and encodings, then generated GLPI exports of
// seeded sizes), in order, into one DuckDB workspace:
//   1. `empreinte import FILE` runs in a child process (bench/crash-import-child.ts: the CLI's `run`, modules
//      loaded beforehand) and receives SIGKILL after a seeded random delay between 0 and 1.1 × the time the
//      same import took in the reference run (workspace opening included) × the child/in-process ratio
//      measured on the largest file;
//   2. the workspace is opened again (it must open), and every import recorded in it must be whole: its asset
//      rows = rows_accepted, its quarantined rows = rows_quarantined, no row without its import, and the killed
//      file either present whole or absent;
//   3. the import is run again in-process: it must give the reference run's counts (or "already imported" when
//      the killed run had committed).
// At the end the footprint (assets, total kgCO2e) must equal that of a reference workspace where the same files
// were imported without interruption. The test suite runs a 10-kill variant (test/crash-safety.test.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { run } from '../src/cli/run.js'
import { loadConfig } from '../src/config.js'
import { GLPI_HEADER } from '../src/core/demo/create-demo-row-factory.js'
import { createRandom } from '../src/core/demo/create-random.js'
import { iterateGlpiComputerRows } from '../src/core/demo/iterate-glpi-computer-rows.js'
import { DATABASE_FILE, openWorkspace } from '../src/main.js'

const ROOT = join(import.meta.dirname, '..')
const CHILD = join(ROOT, 'bench', 'crash-import-child.ts')
const CAMPAIGN = '2025'

/** Physical inventories that import on their own, one per format/encoding (each row → one asset row). */
export const FIXTURE_FILES = [
  'fixtures/e2e/glpi-parc.csv',
  'fixtures/formats/ocs-cp1252.csv',
  'fixtures/formats/intune-utf8-bom.csv',
  'fixtures/formats/sccm.csv',
  'fixtures/formats/snipeit.csv',
  'fixtures/formats/purchases-cp1252.csv',
  'fixtures/formats/g4it-physical.csv',
  'fixtures/quality/parc-nord.csv',
  'fixtures/quality/parc-sud.csv',
  'fixtures/csv/glpi-utf8-bom.csv',
  'fixtures/csv/comma-utf8.csv',
  'fixtures/xlsx/hand-made-glpi.xlsx',
].map((path) => join(ROOT, path))

export type CrashRunOptions = {
  kills: number
  seed: number
  /** Generated GLPI files hold between maxRows / 20 and maxRows rows. */
  maxRows: number
  /** Where files and workspaces go (removed by the caller). */
  directory: string
  log?: (line: string) => void
}

type ImportCounts = { rowsRead: number; rowsAccepted: number; rowsQuarantined: number }

export type CrashRunReport = {
  kills: number
  files: number
  /** The child was still running when SIGKILL was sent. */
  killedWhileRunning: number
  /** Of those, how many left the import committed (whole) and how many left nothing (absent). */
  foundWhole: number
  foundAbsent: number
  /** The child had already exited (import done) before the signal. */
  finishedBeforeKill: number
  rowsImported: number
  referenceAssets: number
  finalAssets: number
  referenceClimateKgCo2e: number
  finalClimateKgCo2e: number
  /** Every broken promise: an empty list means the run passed. */
  problems: string[]
  /** A whole child import takes this many times the in-process reference import (delays are scaled by it). */
  childRatio: number
  maxReopenMs: number
  seconds: number
  loadAverage: number[]
}

/** Runs one command in-process (as `empreinte …`), answering its exit code and output. */
async function runInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTty: false,
      now: () => Date.UTC(2026, 0, 15),
      cwd: ROOT,
      untilStopped: () => Promise.resolve(),
    },
    loadConfig({}),
    openWorkspace,
  )
  return { code, stdout, stderr }
}

async function importInProcess(
  file: string,
  workspace: string,
): Promise<ImportCounts & { isAlreadyImported: boolean }> {
  const result = await runInProcess([
    'import',
    file,
    '--campaign',
    CAMPAIGN,
    '--workspace',
    workspace,
    '--json',
  ])
  if (result.code !== 0) throw new Error(`import ${file} failed (${result.code}): ${result.stderr}`)
  const imports = (
    JSON.parse(result.stdout) as { imports: (ImportCounts & { isAlreadyImported?: boolean })[] }
  ).imports
  return imports.reduce<ImportCounts & { isAlreadyImported: boolean }>(
    (sum, item) => ({
      rowsRead: sum.rowsRead + item.rowsRead,
      rowsAccepted: sum.rowsAccepted + item.rowsAccepted,
      rowsQuarantined: sum.rowsQuarantined + item.rowsQuarantined,
      isAlreadyImported: sum.isAlreadyImported && item.isAlreadyImported === true,
    }),
    { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, isAlreadyImported: true },
  )
}

async function footprintOf(workspace: string): Promise<{ assets: number; climateKgCo2e: number }> {
  const result = await runInProcess(['footprint', '--campaign', CAMPAIGN, '--workspace', workspace, '--json'])
  if (result.code !== 0) throw new Error(`footprint failed: ${result.stderr}`)
  const report = JSON.parse(result.stdout) as { assets: number; total: { climateKgCo2e: number } }
  return { assets: report.assets, climateKgCo2e: report.total.climateKgCo2e }
}

/** Writes a GLPI export of `rows` rows, Windows-1252 (even seeds) or UTF-8 with a BOM (odd seeds). */
async function writeGlpiFile(path: string, rows: number, seed: number): Promise<void> {
  const stream = createWriteStream(path)
  const isUtf8 = seed % 2 === 1
  const encode = (text: string): Buffer =>
    isUtf8 ? Buffer.from(text, 'utf8') : Buffer.from(text.replace(/[\u0100-\uffff]/g, '?'), 'latin1')
  if (isUtf8) stream.write(Buffer.from([0xef, 0xbb, 0xbf]))
  let lines = [GLPI_HEADER.join(';')]
  const rowsOf = iterateGlpiComputerRows({
    seed,
    referenceYear: 2025,
    organisations: 40,
    rows,
    brokenRows: 0.03,
  })
  for (const row of rowsOf) {
    lines.push(
      row.map((field) => (/[";\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(';'),
    )
    if (lines.length >= 2_000) {
      if (!stream.write(encode(lines.join('\r\n') + '\r\n'))) await once(stream, 'drain')
      lines = []
    }
  }
  if (lines.length > 0) stream.write(encode(lines.join('\r\n') + '\r\n'))
  stream.end()
  await once(stream, 'finish')
}

/** The files of a run: the fixtures first (as many as fit), then generated GLPI exports of seeded sizes. */
async function prepareFiles(options: CrashRunOptions): Promise<string[]> {
  const random = createRandom(options.seed).next
  const files: string[] = []
  const fixtures = FIXTURE_FILES.slice(0, Math.min(FIXTURE_FILES.length, Math.ceil(options.kills / 2)))
  const folder = join(options.directory, 'files')
  await mkdir(folder, { recursive: true })
  for (let index = 0; files.length < options.kills; index++) {
    // Interleave: a generated file, then a fixture, while fixtures last.
    if (index % 2 === 1 && fixtures.length > 0) {
      files.push(fixtures.shift()!)
      continue
    }
    const rows = Math.round(options.maxRows / 20 + random() * (options.maxRows - options.maxRows / 20))
    const path = join(folder, `glpi-${String(files.length).padStart(3, '0')}-${rows}.csv`)
    await writeGlpiFile(path, rows, options.seed * 1000 + files.length)
    files.push(path)
  }
  return files
}

type ReadyChild = {
  child: ChildProcess
  ready: Promise<void>
  exited: Promise<[number | null, string | null]>
}

/** Starts a child that loads the CLI and waits for its command line (bench/crash-import-child.ts). */
function startChild(): ReadyChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  child.stderr!.on('data', () => undefined)
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    void exited.then(() => reject(new Error('the child exited before it was ready')))
  })
  ready.catch(() => undefined) // the spare child killed at the end never becomes ready
  return { child, ready, exited }
}

/** Has a ready child run `empreinte import FILE`; SIGKILL `delayMs` after the command was sent. */
async function importAndKill(
  prepared: ReadyChild,
  file: string,
  workspace: string,
  delayMs: number,
): Promise<{ wasRunning: boolean; exitCode: number | null; elapsedMs: number }> {
  const { child, exited } = prepared
  await prepared.ready
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))
  const started = performance.now()
  child.send(['import', file, '--campaign', CAMPAIGN, '--workspace', workspace])
  let wasRunning = false
  const timer = setTimeout(() => {
    wasRunning = child.exitCode === null && child.signalCode === null
    child.kill('SIGKILL')
  }, delayMs)
  const [exitCode] = await exited
  clearTimeout(timer)
  if (!wasRunning && exitCode !== 0) throw new Error(`import ${file} failed before the kill: ${stderr}`)
  return { wasRunning, exitCode, elapsedMs: performance.now() - started }
}

/** Every import in the workspace, with its rows counted in the asset and quarantine tables. */
async function inspect(workspace: string): Promise<{
  imports: {
    id: number
    fileName: string
    accepted: number
    quarantined: number
    assets: number
    held: number
  }[]
  orphanAssets: number
  orphanQuarantine: number
}> {
  const instance = await DuckDBInstance.create(join(workspace, DATABASE_FILE))
  const connection = await instance.connect()
  try {
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJS()
    const imports = await read(`
      SELECT i.id, i.file_name, i.rows_accepted, i.rows_quarantined,
        (SELECT count(*) FROM asset a WHERE a.import_id = i.id),
        (SELECT count(*) FROM quarantine q WHERE q.import_id = i.id)
      FROM import i ORDER BY i.id`)
    // import_id 0 holds the rows made by reconciliation (one per device found in several imports).
    const [[orphanAssets]] = await read(
      'SELECT count(*) FROM asset WHERE import_id <> 0 AND import_id NOT IN (SELECT id FROM import)',
    )
    const [[orphanQuarantine]] = await read(
      'SELECT count(*) FROM quarantine WHERE import_id NOT IN (SELECT id FROM import)',
    )
    return {
      imports: imports.map((row) => ({
        id: Number(row[0]),
        fileName: String(row[1]),
        accepted: Number(row[2]),
        quarantined: Number(row[3]),
        assets: Number(row[4]),
        held: Number(row[5]),
      })),
      orphanAssets: Number(orphanAssets),
      orphanQuarantine: Number(orphanQuarantine),
    }
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

export async function runCrashImports(options: CrashRunOptions): Promise<CrashRunReport> {
  const started = performance.now()
  const log = options.log ?? (() => undefined)
  const problems: string[] = []
  const files = await prepareFiles(options)
  log(`${files.length} files ready`)

  // Reference: the same files, in order, never interrupted (in-process), each timed.
  const referenceWorkspace = join(options.directory, 'reference')
  const reference: (ImportCounts & { ms: number })[] = []
  for (const file of files) {
    const before = performance.now()
    const counts = await importInProcess(file, referenceWorkspace)
    reference.push({ ...counts, ms: performance.now() - before })
  }
  const referenceFootprint = await footprintOf(referenceWorkspace)
  log(`reference: ${referenceFootprint.assets} assets, ${referenceFootprint.climateKgCo2e.toFixed(1)} kgCO2e`)

  // A child is slower than the warm in-process reference (cold JIT, worker start): time one whole child import
  // of the largest file in a scratch workspace and scale the reference times by the ratio.
  const largest = reference.reduce((best, item, index) => (item.ms > reference[best]!.ms ? index : best), 0)
  const scratch = join(options.directory, 'calibration')
  const calibration = await importAndKill(startChild(), files[largest]!, scratch, 10 * 60_000)
  await rm(scratch, { recursive: true, force: true })
  const childRatio = Math.max(1, calibration.elapsedMs / reference[largest]!.ms)
  log(
    `a whole child import of the largest file: ${calibration.elapsedMs.toFixed(0)} ms (× ${childRatio.toFixed(2)})`,
  )

  const random = createRandom(options.seed + 1).next
  const workspace = join(options.directory, 'crashed')
  const report: CrashRunReport = {
    kills: 0,
    files: files.length,
    killedWhileRunning: 0,
    foundWhole: 0,
    foundAbsent: 0,
    finishedBeforeKill: 0,
    rowsImported: 0,
    referenceAssets: referenceFootprint.assets,
    finalAssets: 0,
    referenceClimateKgCo2e: referenceFootprint.climateKgCo2e,
    finalClimateKgCo2e: 0,
    problems,
    childRatio: Math.round(childRatio * 100) / 100,
    maxReopenMs: 0,
    seconds: 0,
    loadAverage: [],
  }
  let committed = 0
  let next = startChild()
  for (const [index, file] of files.entries()) {
    // The next child loads while this one is checked (module loading is no part of the import).
    const child = next
    next = startChild()
    const expectedMs = reference[index]!.ms * childRatio
    const delayMs = Math.round(random() * expectedMs * 1.1)
    const killed = await importAndKill(child, file, workspace, delayMs)
    report.kills++

    // The workspace opens (first kill: maybe before it was created — then it must not exist or open empty).
    const reopenStarted = performance.now()
    let opened
    try {
      opened = await openWorkspace(workspace, { create: index === 0, progress: silentProgress })
    } catch (error) {
      problems.push(`kill ${index} (${delayMs} ms): the workspace does not open: ${(error as Error).message}`)
      break
    }
    await opened.close()
    report.maxReopenMs = Math.max(report.maxReopenMs, performance.now() - reopenStarted)

    const state = await inspect(workspace)
    for (const item of state.imports) {
      if (item.assets !== item.accepted || item.held !== item.quarantined)
        problems.push(
          `kill ${index}: import ${item.id} (${item.fileName}) torn: ${item.assets}/${item.accepted} assets, ` +
            `${item.held}/${item.quarantined} quarantined`,
        )
    }
    if (state.orphanAssets > 0 || state.orphanQuarantine > 0)
      problems.push(
        `kill ${index}: rows without their import (${state.orphanAssets} assets, ${state.orphanQuarantine} quarantined)`,
      )
    const isPresent = state.imports.length > committed
    if (state.imports.length !== committed && state.imports.length !== committed + 1)
      problems.push(
        `kill ${index}: ${state.imports.length} imports recorded, expected ${committed} or ${committed + 1}`,
      )
    if (killed.wasRunning) {
      report.killedWhileRunning++
      if (isPresent) report.foundWhole++
      else report.foundAbsent++
    } else report.finishedBeforeKill++

    // Running it again gives the reference counts (or recognises the committed import).
    const again = await importInProcess(file, workspace)
    const expected = reference[index]!
    if (
      again.rowsRead !== expected.rowsRead ||
      again.rowsAccepted !== expected.rowsAccepted ||
      again.rowsQuarantined !== expected.rowsQuarantined ||
      again.isAlreadyImported !== isPresent
    )
      problems.push(
        `kill ${index}: re-run of ${file} gave ${JSON.stringify(again)}, reference ${JSON.stringify(expected)}, ` +
          `present after the kill: ${isPresent}`,
      )
    committed++
    report.rowsImported += expected.rowsRead
    log(
      `kill ${index + 1}/${files.length} at ${delayMs} ms (expected run ${expectedMs.toFixed(0)} ms): ` +
        `${killed.wasRunning ? (isPresent ? 'killed, import whole' : 'killed, import absent') : 'had finished'}`,
    )
  }
  next.child.kill('SIGKILL')
  await next.exited
  const final = await footprintOf(workspace)
  report.finalAssets = final.assets
  report.finalClimateKgCo2e = final.climateKgCo2e
  if (final.assets !== referenceFootprint.assets)
    problems.push(`final assets ${final.assets}, reference ${referenceFootprint.assets}`)
  if (
    Math.abs(final.climateKgCo2e - referenceFootprint.climateKgCo2e) >
    1e-9 * Math.abs(referenceFootprint.climateKgCo2e)
  )
    problems.push(`final total ${final.climateKgCo2e} kgCO2e, reference ${referenceFootprint.climateKgCo2e}`)
  report.seconds = (performance.now() - started) / 1000
  report.loadAverage = loadavg().map((value) => Math.round(value * 100) / 100)
  return report
}

const silentProgress = { start() {}, advance() {}, stop() {} }

async function main(): Promise<void> {
  const values = new Map<string, string>()
  const argv = process.argv.slice(2)
  for (let index = 0; index < argv.length; index += 2)
    values.set(argv[index]!.replace(/^--/, ''), argv[index + 1] ?? '')
  const keep = values.get('keep')
  const directory = keep ?? (await mkdtemp(join(tmpdir(), 'empreinte-crash-bench-')))
  try {
    const report = await runCrashImports({
      kills: Number(values.get('kills') ?? 100),
      seed: Number(values.get('seed') ?? 7),
      maxRows: Number(values.get('max-rows') ?? 40_000),
      directory,
      log: (line) => process.stderr.write(line + '\n'),
    })
    console.log(JSON.stringify(report, null, 2))
    if (report.problems.length > 0) process.exitCode = 1
  } finally {
    if (keep === undefined) await rm(directory, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main()
