import { run } from '../../src/cli/run.js'
import { loadConfig } from '../../src/config.js'
import { openWorkspace } from '../../src/main.js'

export type Captured = { code: number; stdout: string; stderr: string }

/** Runs one empreinte command line in-process with a fixed clock, capturing its output and exit code. */
export async function runCli(argv: string[], now: number = Date.UTC(2026, 10, 28)): Promise<Captured> {
  let stdout = ''
  let stderr = ''
  const code = await run(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTty: false,
      now: () => now,
      cwd: '/',
      untilStopped: () => Promise.resolve(),
    },
    loadConfig({}),
    openWorkspace,
  )
  return { code, stdout, stderr }
}
