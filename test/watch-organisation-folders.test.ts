import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WatchedFile } from '../src/app/watch-folder.js'
import { runCli } from './support/run-cli.js'

const NOW = Date.UTC(2026, 10, 28, 9, 30)
const cli = (argv: string[]) => runCli(argv, NOW)

const laptops = (prefix: string, count: number): string =>
  'category;model;serial;quantity\n' +
  Array.from({ length: count }, (_, index) => `laptop;Latitude 5420;${prefix}${index};1\n`).join('')

describe('empreinte watch DIR with one subfolder per organisation', () => {
  let directory: string
  let drop: string
  let workspace: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-watch-organisations-'))
    drop = join(directory, 'drop')
    workspace = join(directory, 'workspace')
    await mkdir(drop)
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  const watchOnce = async (): Promise<{ code: number; lines: WatchedFile[]; stderr: string }> => {
    const result = await cli([
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
    const lines = result.stdout
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as WatchedFile)
    return { code: result.code, lines, stderr: result.stderr }
  }
  const unitsByOrganisation = async (): Promise<[string, number][]> => {
    const footprint = JSON.parse(
      (
        await cli([
          'footprint',
          '--campaign',
          '2025',
          '--by',
          'organisation',
          '--workspace',
          workspace,
          '--json',
        ])
      ).stdout,
    ) as { breakdown: { organisation: string; quantity: number }[] }
    return footprint.breakdown
      .map((row): [string, number] => [row.organisation, row.quantity])
      .sort((left, right) => left[0].localeCompare(right[0]))
  }

  it('imports DIR/<organisation>/file for that organisation, and a new file there replaces its rows of that source', async () => {
    // The organisations exist (a national import made them, as its own source).
    await writeFile(
      join(directory, 'tree.csv'),
      'category;model;serial;quantity;organisation\nlaptop;X;N1;1;CNAM > Alpha\nlaptop;X;N2;1;CNAM > Beta\n',
    )
    expect(
      (
        await cli([
          'import',
          join(directory, 'tree.csv'),
          '--source',
          'national',
          '--campaign',
          '2025',
          '--workspace',
          workspace,
        ])
      ).code,
    ).toBe(0)

    await mkdir(join(drop, 'Alpha'))
    await mkdir(join(drop, 'CNAM > Beta'))
    await mkdir(join(drop, 'Gamma'))
    await writeFile(join(drop, 'Alpha', 'ordinateurs.csv'), laptops('A', 3))
    await writeFile(join(drop, 'CNAM > Beta', 'ordinateurs.csv'), laptops('B', 5))
    await writeFile(join(drop, 'Gamma', 'ordinateurs.csv'), laptops('G', 2))
    await writeFile(join(drop, 'Alpha', 'ordinateurs.csv.part'), laptops('P', 1))

    const first = await watchOnce()
    // A subfolder that names no organisation fails its files (no organisation created from a misspelt name).
    expect(first.code).toBe(1)
    expect(
      first.lines.map((line) => [
        line.file,
        line.organisation,
        line.status,
        line.imports.map((item) => item.rowsAccepted),
        line.movedTo,
      ]),
    ).toEqual([
      [
        'Alpha/ordinateurs.csv',
        'CNAM > Alpha',
        'imported',
        [3],
        join(drop, 'Alpha', 'imported', 'ordinateurs.csv'),
      ],
      [
        'CNAM > Beta/ordinateurs.csv',
        'CNAM > Beta',
        'imported',
        [5],
        join(drop, 'CNAM > Beta', 'imported', 'ordinateurs.csv'),
      ],
      ['Gamma/ordinateurs.csv', null, 'failed', [], join(drop, 'Gamma', 'failed', 'ordinateurs.csv')],
    ])
    expect(first.lines[2]!.error).toBe(
      'subfolder "Gamma" names no organisation of the workspace; name it after an organisation (as empreinte campaign status lists them), or create the organisation first.',
    )
    expect(await readFile(join(drop, 'Alpha', 'imported', 'ordinateurs.csv.log'), 'utf8')).toContain(
      'file: Alpha/ordinateurs.csv\norganisation: CNAM > Alpha\nchecksum',
    )
    // Partial copies stay; each organisation's files go to its own imported/ or failed/.
    expect((await readdir(join(drop, 'Alpha'))).sort()).toEqual(['imported', 'ordinateurs.csv.part'])
    expect(await unitsByOrganisation()).toEqual([
      ['CNAM > Alpha', 4],
      ['CNAM > Beta', 6],
    ])

    // Next month Alpha drops a new export of the same source: it replaces Alpha's earlier rows of that
    // source (3 laptops → 2), and the national rows and Beta's stay.
    await writeFile(join(drop, 'Alpha', 'ordinateurs.csv'), laptops('A2-', 2))
    const second = await watchOnce()
    expect(second.code).toBe(0)
    expect(second.lines.map((line) => [line.file, line.status, line.movedTo])).toEqual([
      ['Alpha/ordinateurs.csv', 'imported', join(drop, 'Alpha', 'imported', 'ordinateurs-2.csv')],
    ])
    expect(await unitsByOrganisation()).toEqual([
      ['CNAM > Alpha', 3],
      ['CNAM > Beta', 6],
    ])
  })
})
