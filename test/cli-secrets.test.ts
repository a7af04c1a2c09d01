import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run } from '../src/cli/run.js'
import { loadConfig } from '../src/config.js'
import { openWorkspace } from '../src/main.js'

const PASSWORD = 'correct horse battery staple 42'

/** Runs a command line with `stdin` as standard input; answers everything written to stdout/stderr too. */
async function runWithStdin(
  argv: string[],
  stdin: string | null,
): Promise<{ code: number; output: string; stdout: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTty: false,
      now: () => Date.UTC(2026, 0, 15),
      cwd: '/',
      untilStopped: () => Promise.resolve(),
      ...(stdin === null ? {} : { readStdin: () => Promise.resolve(stdin) }),
    },
    loadConfig({}),
    openWorkspace,
  )
  return { code, output: stdout + stderr, stdout }
}

describe('secrets on the command line', () => {
  let directory: string
  let workspace: string
  const printed: string[] = []
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-cli-secrets-'))
    workspace = join(directory, 'workspace')
    const imported = await runWithStdin(
      [
        'import',
        join(import.meta.dirname, '..', 'fixtures/e2e/glpi-parc.csv'),
        '--campaign',
        '2025',
        '--workspace',
        workspace,
      ],
      null,
    )
    expect(imported.code).toBe(0)
    // Whatever reaches the console (logs) is kept too.
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation(
        (...args: unknown[]) => void printed.push(args.map(String).join(' ')),
      )
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await rm(directory, { recursive: true, force: true })
  })

  it('never echoes a password, and shows a token once (its creation) and nowhere else', async () => {
    const outputs: string[] = []
    for (const json of [false, true]) {
      const login = json ? 'alice-json' : 'alice'
      const added = await runWithStdin(
        [
          'user',
          'add',
          login,
          '--role',
          'administrator',
          '--password-stdin',
          '--workspace',
          workspace,
          ...(json ? ['--json'] : []),
        ],
        `${PASSWORD}\n`,
      )
      expect(added.code).toBe(0)
      outputs.push(added.output)
    }
    const plain = await runWithStdin(
      ['user', 'token', 'alice', '--name', 'ci', '--workspace', workspace],
      null,
    )
    const json = await runWithStdin(
      ['user', 'token', 'alice-json', '--name', 'ci', '--json', '--workspace', workspace],
      null,
    )
    expect([plain.code, json.code]).toEqual([0, 0])
    const token = (JSON.parse(json.stdout) as { token: string }).token
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // The plain output shows its token once.
    const plainToken = /[A-Za-z0-9_-]{43}/.exec(plain.stdout)![0]
    expect(plain.output.split(plainToken)).toHaveLength(2)
    expect(json.output.split(token)).toHaveLength(2)

    // Nothing else shows a secret: listings, the audit log (text and JSON), console logs.
    for (const argv of [['user', 'list'], ['user', 'list', '--json'], ['audit'], ['audit', '--json']])
      outputs.push((await runWithStdin([...argv, '--workspace', workspace], null)).output)
    const everything = [...outputs, ...printed].join('\n')
    for (const secret of [PASSWORD, token, plainToken]) expect(everything).not.toContain(secret)
    // The workspace file keeps neither the password nor the tokens in clear.
    await (
      await openWorkspace(workspace, { create: false, progress: { start() {}, advance() {}, stop() {} } })
    ).close()
    const bytes = await readFile(join(workspace, 'workspace.duckdb'))
    for (const secret of [PASSWORD, token, plainToken])
      expect(bytes.includes(Buffer.from(secret))).toBe(false)
  })
})
