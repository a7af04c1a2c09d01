import type { Deps, Progress } from '../app/ports.js'

/** What a command needs from the process: output streams, the environment's workspace and a clock. */
export type CliIo = {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTty: boolean
  now: () => number
  cwd: string
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM): `serve` runs until then. */
  untilStopped: () => Promise<void>
  /** The built dashboard, served by `serve` when present. */
  staticDirectory?: string
  /** Reads standard input to its end (`user add --password-stdin`); absent = no standard input. */
  readStdin?: () => Promise<string>
}

/** An opened workspace: the dependencies of the use cases, and how to release them. */
export type OpenedWorkspace = { deps: Deps; directory: string; close: () => Promise<void> }

/** Opens the workspace folder (creating it when asked) — provided by src/main.ts. */
export type WorkspaceOpener = (
  directory: string,
  options: { create: boolean; progress: Progress },
) => Promise<OpenedWorkspace>

/**
 * A progress bar on stderr that appears only for work that takes more than a second; with `isForced`
 * (--progress) it also prints, one line per update, when stderr is not a terminal.
 */
export function createProgressBar(io: CliIo, isForced = false): Progress {
  let label = ''
  let startedAt = 0
  let lastDrawAt = 0
  let done = 0
  let isDrawn = false
  const draw = (isFinal: boolean): void => {
    const seconds = (io.now() - startedAt) / 1000
    const rate = seconds > 0 ? Math.round(done / seconds) : 0
    const text = `${label}: ${done.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s, ${seconds.toFixed(1)} s`
    io.stderr(io.isTty ? `\r${text}${isFinal ? '\n' : ''}` : `${text}\n`)
    isDrawn = true
  }
  return {
    start(text) {
      label = text
      startedAt = io.now()
      lastDrawAt = startedAt
      done = 0
      isDrawn = false
    },
    advance(count) {
      done = count
      const now = io.now()
      if ((io.isTty || isForced) && now - startedAt > 1000 && now - lastDrawAt > 200) {
        lastDrawAt = now
        draw(false)
      }
    },
    stop() {
      if (isDrawn) draw(true)
    },
  }
}
