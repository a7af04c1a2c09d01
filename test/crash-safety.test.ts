import { spawn, execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endOfYearDay } from '../src/app/campaigns.js'
import { openWorkspace } from '../src/main.js'

const ROOT = join(import.meta.dirname, '..')
const ROWS = 150_000
const silent = { start() {}, advance() {}, stop() {} }

/** Starts `empreinte import` and kills it with SIGKILL as soon as it reports progress (mid-import). */
function importAndKill(file: string, workspace: string): Promise<{ wasKilledMidway: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src', 'main.ts'),
        'import',
        file,
        '--campaign',
        '2025',
        '--workspace',
        workspace,
        '--progress',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    )
    let wasKilledMidway = false
    child.stderr.on('data', (data: Buffer) => {
      if (!wasKilledMidway && /rows\/s/.test(data.toString())) {
        wasKilledMidway = true
        child.kill('SIGKILL')
      }
    })
    child.on('error', reject)
    child.on('exit', () => resolve({ wasKilledMidway }))
  })
}

describe('an import killed with SIGKILL in the middle', () => {
  let directory: string
  let file: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-crash-'))
    file = join(directory, 'glpi.csv')
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'bench', 'generate-glpi-file.ts'),
        file,
        '--rows',
        String(ROWS),
        '--faulty',
        '0.05',
      ],
      { cwd: ROOT },
    )
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('leaves a workspace that opens, holds no part of that import, and accepts the same import again', async () => {
    const workspace = join(directory, 'workspace')
    const killed = await importAndKill(file, workspace)
    expect(killed.wasKilledMidway).toBe(true)

    const reopened = await openWorkspace(workspace, { create: false, progress: silent })
    try {
      const campaign = await reopened.deps.store.ensureCampaign(2025, endOfYearDay(2025))
      // Nothing of the killed import: no import record, no asset.
      expect(await reopened.deps.store.listImports(campaign.id)).toEqual([])
      const organisations = await reopened.deps.store.qualityByOrganisation(campaign.id)
      expect(organisations.reduce((sum, organisation) => sum + organisation.assets, 0)).toBe(0)
    } finally {
      await reopened.close()
    }

    // Running it again gives the whole import, once.
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src', 'main.ts'),
        'import',
        file,
        '--campaign',
        '2025',
        '--workspace',
        workspace,
      ],
      { cwd: ROOT },
    )
    const final = await openWorkspace(workspace, { create: false, progress: silent })
    try {
      const campaign = await final.deps.store.ensureCampaign(2025, endOfYearDay(2025))
      const imports = await final.deps.store.listImports(campaign.id)
      expect(imports).toHaveLength(1)
      expect(imports[0]!.rowsRead).toBe(ROWS)
      expect(imports[0]!.rowsAccepted + imports[0]!.rowsQuarantined).toBe(ROWS)
      const organisations = await final.deps.store.qualityByOrganisation(campaign.id)
      expect(organisations.reduce((sum, organisation) => sum + organisation.assets, 0)).toBe(
        imports[0]!.rowsAccepted,
      )
    } finally {
      await final.close()
    }
  })
})

describe('a workspace held by a running server', () => {
  it('is refused to a second process with a clear message, not corrupted', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'empreinte-busy-'))
    const workspace = join(directory, 'workspace')
    try {
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'src', 'main.ts'),
          'import',
          join(ROOT, 'fixtures', 'e2e', 'glpi-parc.csv'),
          '--campaign',
          '2025',
          '--workspace',
          workspace,
        ],
        { cwd: ROOT },
      )
      const server = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), 'serve', '--port', '0', '--workspace', workspace],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let serverErrors = ''
      server.stderr.on('data', (data: Buffer) => (serverErrors += data.toString()))
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (data: Buffer) => /serving/.test(data.toString()) && resolve())
        server.on('exit', (code) => reject(new Error(`serve exited (${code}) before serving: ${serverErrors}`)))
      })
      let message = ''
      try {
        execFileSync(
          process.execPath,
          ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), 'footprint', '--workspace', workspace],
          { cwd: ROOT, stdio: 'pipe' },
        )
      } catch (error) {
        message = String((error as { stderr: Buffer }).stderr)
        expect((error as { status: number }).status).toBe(1)
      }
      expect(message).toContain('is in use by another empreinte process')
      server.kill('SIGTERM')
      await new Promise((resolve) => server.on('exit', resolve))
      // After the server stops, the workspace opens and holds the import.
      const output = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src', 'main.ts'), 'footprint', '--workspace', workspace, '--json'],
        { cwd: ROOT },
      )
      expect((JSON.parse(output.toString()) as { assets: number }).assets).toBe(7)
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  }, 300_000)
})
