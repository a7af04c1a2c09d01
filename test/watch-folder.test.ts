import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { endOfYearDay } from '../src/app/campaigns.js'
import { isCandidate, watchFolder, type Scheduler, type WatchedFile } from '../src/app/watch-folder.js'
import { runCli } from './support/run-cli.js'
import { openWorkspace } from '../src/main.js'

const ROOT = join(import.meta.dirname, '..')
const GLPI = join(ROOT, 'fixtures', 'e2e', 'glpi-parc.csv')
const INTUNE = join(ROOT, 'fixtures', 'formats', 'intune-utf8-bom.csv')
const UNKNOWN = join(ROOT, 'fixtures', 'e2e', 'unknown-header.csv')
const NOW = Date.UTC(2026, 10, 28, 9, 30)
const silent = { start() {}, advance() {}, stop() {} }

const cli = (argv: string[]) => runCli(argv, NOW)

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
}

describe('empreinte watch DIR --once', () => {
  let directory: string
  let drop: string
  let workspace: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-watch-'))
    drop = join(directory, 'drop')
    workspace = join(directory, 'workspace')
    await mkdir(drop)
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  const watchOnce = () =>
    cli([
      'watch',
      drop,
      '--once',
      '--interval',
      '0',
      '--campaign',
      '2025',
      '--workspace',
      workspace,
      '--json',
    ])

  it('imports each ready file, moves it to imported/ or failed/ with a log, and leaves lock and partial files', async () => {
    await copyFile(GLPI, join(drop, 'glpi-parc.csv'))
    await copyFile(INTUNE, join(drop, 'intune.csv'))
    await copyFile(UNKNOWN, join(drop, 'unknown-header.csv'))
    await copyFile(GLPI, join(drop, '~$parc.xlsx'))
    await copyFile(GLPI, join(drop, 'copy-in-progress.csv.part'))
    await writeFile(join(drop, '.DS_Store'), 'x')

    const result = await watchOnce()
    // A failed file makes `--once` exit 1 (cron reports it), after every other file was processed.
    expect(result.code).toBe(1)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as WatchedFile)
    // Files in name order; figures as `empreinte import` gives them for these fixtures:
    // GLPI: 9 rows, 2 quarantined (line 6 invalid date 31/02/2021, line 7 type "Divers"), 7 accepted.
    // Intune: 10 rows, 1 quarantined (HoloLens, no category), 9 accepted, 9 imputed (no status column → in use).
    expect(
      lines.map((line) => [
        line.file,
        line.status,
        line.imports.map((item) => [
          item.format,
          item.rowsRead,
          item.rowsAccepted,
          item.rowsQuarantined,
          item.rowsImputed,
        ]),
        line.movedTo,
      ]),
    ).toEqual([
      ['glpi-parc.csv', 'imported', [['glpi', 9, 7, 2, 0]], join(drop, 'imported', 'glpi-parc.csv')],
      ['intune.csv', 'imported', [['intune', 10, 9, 1, 9]], join(drop, 'imported', 'intune.csv')],
      ['unknown-header.csv', 'failed', [], join(drop, 'failed', 'unknown-header.csv')],
    ])
    expect(lines[2]!.error).toMatch(/^unknown-header\.csv, line 1: cannot recognise the format/)
    expect(result.stderr).toContain('watch stopped: 2 imported, 0 already imported, 1 failed')

    expect((await readdir(drop)).sort()).toEqual([
      '.DS_Store',
      'copy-in-progress.csv.part',
      'failed',
      'imported',
      '~$parc.xlsx',
    ])
    expect((await readdir(join(drop, 'imported'))).sort()).toEqual([
      'glpi-parc.csv',
      'glpi-parc.csv.log',
      'intune.csv',
      'intune.csv.log',
    ])
    expect(await readFile(join(drop, 'imported', 'glpi-parc.csv.log'), 'utf8')).toBe(
      [
        'time: 2026-11-28T09:30:00.000Z',
        'file: glpi-parc.csv',
        `checksum (sha-256): ${await sha256(GLPI)}`,
        'status: imported',
        '',
        'import: glpi-parc.csv',
        'format: glpi (assets, windows-1252, delimiter ";")',
        'rows read: 9',
        'rows accepted: 7',
        'rows quarantined: 2',
        'rows imputed: 0',
        'assumption: no quantity column: each row counts 1 unit',
        'assumption: no country column: every row is used in FR',
        'findings: invalid_date (column "Date d\'achat"): 1 row(s)',
        'findings: unknown_category (column "Type"): 1 row(s)',
        '',
      ].join('\n'),
    )
    const failedLog = await readFile(join(drop, 'failed', 'unknown-header.csv.log'), 'utf8')
    expect(failedLog).toContain(`checksum (sha-256): ${await sha256(UNKNOWN)}\nstatus: failed\n`)
    expect(failedLog).toMatch(
      /\nerror: unknown-header\.csv, line 1: cannot recognise the format from the header/,
    )

    // The history lists the two imports with their whole checksums and a time.
    const history = JSON.parse((await cli(['imports', '--workspace', workspace, '--json'])).stdout) as {
      items: { fileName: string; checksum: string; rowsAccepted: number; importedAt: string }[]
    }
    expect(history.items.map((item) => [item.fileName, item.checksum, item.rowsAccepted])).toEqual([
      ['glpi-parc.csv', await sha256(GLPI), 7],
      ['intune.csv', await sha256(INTUNE), 9],
    ])
    expect(history.items[0]!.importedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })

  it('recognises a re-sent file: nothing added, footprint unchanged, the copy kept under a numbered name', async () => {
    await copyFile(GLPI, join(drop, 'glpi-parc.csv'))
    await copyFile(INTUNE, join(drop, 'intune.csv'))
    expect((await watchOnce()).code).toBe(0)
    const footprint = () =>
      cli(['footprint', '--campaign', '2025', '--workspace', workspace, '--json']).then(
        (result) => JSON.parse(result.stdout) as { assets: number; total: { climateKgCo2e: number } },
      )
    const before = await footprint()
    // 7 GLPI + 9 Intune rows accepted.
    expect(before.assets).toBe(16)

    await copyFile(GLPI, join(drop, 'glpi-parc.csv'))
    const again = await watchOnce()
    expect(again.code).toBe(0)
    const [line] = again.stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as WatchedFile)
    expect([line!.status, line!.movedTo]).toEqual([
      'already-imported',
      join(drop, 'imported', 'glpi-parc-2.csv'),
    ])
    const log = await readFile(join(drop, 'imported', 'glpi-parc-2.csv.log'), 'utf8')
    expect(log).toContain('status: already-imported\n')
    expect(log).toContain('already imported (same checksum): nothing added\n')
    // The figures of the first import, no findings repeated.
    expect(log).toContain('rows read: 9\nrows accepted: 7\nrows quarantined: 2\n')
    expect(log).not.toContain('findings:')

    const after = await footprint()
    expect(after.assets).toBe(16)
    expect(after.total.climateKgCo2e).toBe(before.total.climateKgCo2e)
    const history = JSON.parse((await cli(['imports', '--workspace', workspace, '--json'])).stdout) as {
      total: number
    }
    expect(history.total).toBe(2)
  })

  it('refuses a folder that does not exist, naming it', async () => {
    const result = await cli(['watch', join(directory, 'nowhere'), '--once', '--workspace', workspace])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n').slice(-2)).toEqual([
      `empreinte: ${join(directory, 'nowhere')}: no such folder to watch.`,
      '',
    ])
  })
})

describe('watchFolder', () => {
  it('waits for a file still being copied to stop changing before importing it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'empreinte-watch-'))
    const drop = join(directory, 'drop')
    await mkdir(drop)
    const workspace = await openWorkspace(join(directory, 'workspace'), { create: true, progress: silent })
    try {
      const lines = (await readFile(GLPI)).toString('latin1').split('\r\n')
      // The copy so far: title, blank line, header and the first 3 rows (lines 1–6).
      await writeFile(
        join(drop, 'glpi-parc.csv'),
        Buffer.from(lines.slice(0, 6).join('\r\n') + '\r\n', 'latin1'),
      )
      const seen: { poll: number; file: WatchedFile }[] = []
      let sleeps = 0
      const scheduler: Scheduler = {
        async sleep() {
          sleeps += 1
          // Between polls 1 and 2 the copy goes on: the rest of the file arrives.
          if (sleeps === 1)
            await appendFile(join(drop, 'glpi-parc.csv'), Buffer.from(lines.slice(6).join('\r\n'), 'latin1'))
        },
        isStopRequested: () => sleeps >= 3,
        now: () => NOW,
      }
      const summary = await watchFolder(
        workspace.deps,
        scheduler,
        {
          folder: drop,
          intervalSeconds: 5,
          isOnce: false,
          importOptions: {
            format: 'auto',
            organisation: null,
            campaignYear: 2025,
            category: null,
            defaultCampaignYear: 2025,
          },
        },
        (file) => seen.push({ poll: sleeps + 1, file }),
      )
      // Poll 1 sees 6 lines; poll 2 sees the whole file (changed: not ready); poll 3 sees it unchanged: imported.
      expect(summary).toEqual({ polls: 3, imported: 1, alreadyImported: 0, failed: 0 })
      expect(seen.map(({ poll, file }) => [poll, file.file, file.status, file.imports[0]!.rowsRead])).toEqual(
        [[3, 'glpi-parc.csv', 'imported', 9]],
      )
      const campaign = await workspace.deps.store.ensureCampaign(2025, endOfYearDay(2025))
      const imports = await workspace.deps.store.listImports(campaign.id)
      expect(imports.map((record) => [record.fileName, record.rowsRead, record.rowsAccepted])).toEqual([
        ['glpi-parc.csv', 9, 7],
      ])
    } finally {
      await workspace.close()
      await rm(directory, { recursive: true, force: true })
    }
  })

  it('ignores Office lock files, hidden files, partial copies and logs', () => {
    expect(
      [
        'parc.xlsx',
        '~$parc.xlsx',
        '.parc.csv',
        'parc.csv.tmp',
        'parc.csv.PART',
        'parc.csv.log',
        'parc.txt',
      ].map(isCandidate),
    ).toEqual([true, false, false, false, false, false, true])
  })
})

describe('empreinte watch DIR as a long-running process', () => {
  it('imports a file dropped after it started and exits cleanly on SIGTERM', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'empreinte-watch-'))
    const drop = join(directory, 'drop')
    const workspace = join(directory, 'workspace')
    await mkdir(drop)
    try {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'src', 'main.ts'),
          'watch',
          drop,
          '--interval',
          '1',
          '--campaign',
          '2025',
          '--workspace',
          workspace,
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      let check = (): void => {}
      child.stdout.on('data', (data: Buffer) => ((stdout += data.toString()), check()))
      child.stderr.on('data', (data: Buffer) => ((stderr += data.toString()), check()))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      const waitFor = (pattern: RegExp, stream: () => string) =>
        new Promise<void>((resolve, reject) => {
          check = () => void (pattern.test(stream()) && resolve())
          check()
          void exited.then(() => reject(new Error(`exited early: ${stderr}`)))
        })
      await waitFor(/watching/, () => stderr)
      await copyFile(GLPI, join(drop, 'glpi-parc.csv'))
      await waitFor(/imported +glpi-parc\.csv/, () => stdout)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(stdout).toMatch(/imported +glpi-parc\.csv +glpi: read 9, accepted 7, quarantined 2, imputed 0/)
      expect(stderr).toContain('watch stopped: 1 imported, 0 already imported, 0 failed')
      expect(await readdir(join(drop, 'imported'))).toEqual(['glpi-parc.csv', 'glpi-parc.csv.log'])

      // Closed cleanly: the workspace opens in this process and holds the import.
      const reopened = await openWorkspace(workspace, { create: false, progress: silent })
      try {
        const campaign = await reopened.deps.store.ensureCampaign(2025, endOfYearDay(2025))
        const imports = await reopened.deps.store.listImports(campaign.id)
        expect(imports.map((record) => [record.fileName, record.rowsAccepted])).toEqual([
          ['glpi-parc.csv', 7],
        ])
      } finally {
        await reopened.close()
      }
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  }, 60_000)
})
