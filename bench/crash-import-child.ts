// Child process of bench/crash-imports.ts: loads the CLI first, says "ready" over IPC, then runs the command
// line it is sent, as `empreinte` would, and exits with its code. Loading the modules (1–5 s under tsx on a
// busy machine) happens before the clock of the random kill starts, so kills land in the import itself.
import { run } from '../src/cli/run.js'
import { loadConfig } from '../src/config.js'
import { workspaceOpener } from '../src/main.js'

process.once('message', (argv: string[]) => {
  const config = loadConfig(process.env)
  void run(
    argv,
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      isTty: false,
      now: () => Date.now(),
      cwd: process.cwd(),
      untilStopped: () => Promise.resolve(),
    },
    config,
    workspaceOpener(config),
  ).then((code) => process.exit(code))
})
process.send?.('ready')
