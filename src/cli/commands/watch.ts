import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { watchFolder, type Scheduler, type WatchedFile, type WatchSummary } from '../../app/watch-folder.js'
import type { CliIo } from '../cli-io.js'
import type { ParsedOptions } from '../parse-options.js'
import { importOptions } from './import.js'

export const DEFAULT_INTERVAL_SECONDS = 10

/**
 * `empreinte watch DIR [--interval SECONDS] [--once]` and the options of `import`: one line per file on stdout
 * (a JSON line with --json) as it is processed; the start and the summary go to stderr.
 */
export async function watchCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
  io: CliIo,
  defaultYear: number,
): Promise<WatchSummary> {
  const folder = positional[0]
  if (folder === undefined || positional.length > 1)
    throw new AppError('invalid_argument', 'Name one folder to watch: empreinte watch DIR')
  const intervalSeconds = options.interval ?? DEFAULT_INTERVAL_SECONDS
  if (intervalSeconds < 1 && !options.once)
    throw new AppError('invalid_argument', '--interval takes at least 1 second (0 only with --once).')
  const imports = importOptions(options, defaultYear)
  io.stderr(
    options.once
      ? `empreinte: importing the files of ${folder} that stay unchanged for ${intervalSeconds} s\n`
      : `empreinte: watching ${folder} every ${intervalSeconds} s (files go to imported/ or failed/ with a .log); Ctrl+C stops\n`,
  )
  const summary = await watchFolder(
    deps,
    createScheduler(io, !options.once),
    { folder, intervalSeconds, isOnce: options.once, importOptions: imports },
    (file) => io.stdout(options.json ? JSON.stringify(file) + '\n' : formatLine(file)),
  )
  io.stderr(
    `empreinte: watch stopped: ${summary.imported} imported, ${summary.alreadyImported} already imported, ${summary.failed} failed\n`,
  )
  return summary
}

/**
 * Sleeps with a timer that a stop request (SIGINT, SIGTERM) cuts short when `isStoppable`; `--once` is short and
 * is not stoppable (a kill mid-import leaves no part of that import: it is one transaction).
 */
function createScheduler(io: CliIo, isStoppable: boolean): Scheduler {
  let isStopRequested = false
  let wake = (): void => {}
  if (isStoppable) {
    void io.untilStopped().then(() => {
      isStopRequested = true
      wake()
    })
  }
  return {
    sleep: (seconds) =>
      new Promise<void>((resolve) => {
        if (isStopRequested) return resolve()
        const timer = setTimeout(resolve, seconds * 1000)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      }),
    isStopRequested: () => isStopRequested,
    now: io.now,
  }
}

function formatLine(file: WatchedFile): string {
  const counts = file.imports.map(
    (item) =>
      `${item.file === file.file ? '' : `${item.file} `}${item.format}: read ${item.rowsRead}, accepted ${item.rowsAccepted}, quarantined ${item.rowsQuarantined}, imputed ${item.rowsImputed}`,
  )
  const detail = file.error ?? counts.join('; ')
  const destination = file.movedTo === null ? 'left in place' : `→ ${file.movedTo}`
  return `${file.at}  ${file.status.padEnd(16)}  ${file.file}  ${detail}  ${destination}\n`
}
