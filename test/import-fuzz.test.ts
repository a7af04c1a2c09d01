import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { endOfYearDay } from '../src/app/campaigns.js'
import { AppError } from '../src/app/errors.js'
import { importFile } from '../src/app/import-inventory.js'
import type { Campaign } from '../src/app/ports.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { readZip } from '../src/io/xlsx/read-zip.js'
import { writeZip, type ZipInput } from '../src/io/xlsx/write-zip.js'
import { openWorkspace } from '../src/main.js'

const ROOT = join(import.meta.dirname, '..')
/** Text fixtures with the encoding they are written in (to re-encode them wrongly). */
const TEXT_FIXTURES = [
  { file: 'fixtures/csv/glpi-cp1252.csv', encoding: 'windows-1252' },
  { file: 'fixtures/e2e/glpi-parc.csv', encoding: 'windows-1252' },
  { file: 'fixtures/formats/intune-utf8-bom.csv', encoding: 'utf-8' },
  { file: 'fixtures/e2e/numecoeval-equipements.csv', encoding: 'utf-8' },
  { file: 'fixtures/csv/glpi-utf8-bom.csv', encoding: 'utf-8' },
  { file: 'fixtures/formats/ocs-cp1252.csv', encoding: 'windows-1252' },
] as const
const XLSX_FIXTURE = 'fixtures/xlsx/hand-made-glpi.xlsx'
/** One in `XLSX_EVERY` cases corrupts the workbook; the others cycle through the text fixtures. */
const XLSX_EVERY = 4
const CASES = 2400
/** Cases per workspace; every batch ends by checking every import of its workspace. */
const BATCH = 300
/**
 * One batch in `ON_DISK_EVERY` uses a workspace on disk, closed and reopened before the check: commits to a file
 * cost an fsync each, which would take the test far past 90 s for every batch on this machine.
 */
const ON_DISK_EVERY = 4
const SEED = 20261128
const silent = { start() {}, advance() {}, stop() {} }

/** mulberry32: the same corruptions on every run; case `n` uses seed SEED + n, so one case replays alone. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), state | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

const TEXT_CORRUPTIONS = [
  'truncated',
  'random bytes',
  'stray quotes and delimiters',
  'huge field',
  'line breaks removed or doubled',
  'empty file',
  'UTF-16 LE without BOM',
  'UTF-16 BE without BOM',
  'cp1252 bytes read as Latin-1 then written as UTF-8 (double encoding)',
  'UTF-8 written as cp1252 (or cp1252 re-decoded as UTF-8)',
  'binary garbage block',
  'cut inside a line, CR-only line breaks',
] as const

function swapBytePairs(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length & ~1))
  return copy.swap16()
}

/** One corrupted copy of a text fixture; `text` is the fixture decoded with its real encoding. */
function corruptText(bytes: Buffer, text: string, kind: number, next: () => number): Buffer {
  const copy = Buffer.from(bytes)
  const at = (): number => Math.floor(next() * copy.length)
  switch (kind) {
    case 0:
      return copy.subarray(0, at())
    case 1:
      for (let count = 0; count < 1 + next() * 20; count++) copy[at()] = Math.floor(next() * 256)
      return copy
    case 2:
      for (let count = 0; count < 1 + next() * 10; count++) copy[at()] = next() < 0.5 ? 0x22 : 0x3b
      return copy
    case 3: {
      const middle = at()
      return Buffer.concat([copy.subarray(0, middle), Buffer.alloc(200_000, 0x41), copy.subarray(middle)])
    }
    case 4:
      return Buffer.from(copy.toString('latin1').replace(/\n/g, next() < 0.5 ? '' : '\n\n'), 'latin1')
    case 5:
      return Buffer.alloc(0)
    case 6:
      return Buffer.from(text.replace(/^\ufeff/, ''), 'utf16le')
    case 7:
      return swapBytePairs(Buffer.from(text.replace(/^\ufeff/, ''), 'utf16le'))
    case 8:
      return Buffer.from(copy.toString('latin1'), 'utf8')
    case 9:
      return next() < 0.5 ? Buffer.from(text, 'latin1') : Buffer.from(copy.toString('utf8'), 'utf8')
    case 10: {
      const garbage = Buffer.alloc(1 + Math.floor(next() * 4096))
      for (let index = 0; index < garbage.length; index++) garbage[index] = Math.floor(next() * 256)
      const middle = at()
      return Buffer.concat([copy.subarray(0, middle), garbage, copy.subarray(middle)])
    }
    default:
      return Buffer.from(
        copy.subarray(0, Math.max(1, at())).toString('latin1').replace(/\r?\n/g, '\r'),
        'latin1',
      )
  }
}

const XLSX_CORRUPTIONS = [
  'truncated archive',
  'random bytes in the archive',
  'XML part truncated (valid ZIP)',
  'XML markup broken: stray < & and quotes (valid ZIP)',
  'XML closing tags removed (valid ZIP)',
  'cell references and shared-string indexes garbled (valid ZIP)',
  'a part missing (valid ZIP)',
  'a CSV file named .xlsx',
] as const

/** One corrupted copy of the workbook: damaged ZIP bytes, or well-formed ZIP holding damaged XML. */
function corruptWorkbook(bytes: Buffer, parts: ZipInput[], kind: number, next: () => number): Buffer {
  const pick = (): number => Math.floor(next() * parts.length)
  const rezip = (change: (xml: string) => string | null): Buffer => {
    const target = pick()
    const changed: ZipInput[] = []
    parts.forEach((part, index) => {
      if (index !== target) return changed.push(part)
      const xml = change(part.data.toString())
      if (xml !== null) changed.push({ name: part.name, data: xml })
      return changed.length
    })
    return writeZip(changed)
  }
  switch (kind) {
    case 0:
      return bytes.subarray(0, Math.floor(next() * bytes.length))
    case 1: {
      const copy = Buffer.from(bytes)
      for (let count = 0; count < 1 + next() * 30; count++)
        copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256)
      return copy
    }
    case 2:
      return rezip((xml) => xml.slice(0, Math.floor(next() * xml.length)))
    case 3:
      return rezip((xml) =>
        xml.replace(/[>"]/g, (match) =>
          next() < 0.05 ? ['<', '&', '"', "'"][Math.floor(next() * 4)]! : match,
        ),
      )
    case 4:
      return rezip((xml) => xml.replace(/<\/[a-zA-Z:]+>/g, (match) => (next() < 0.3 ? '' : match)))
    case 5:
      return rezip((xml) =>
        xml
          .replace(/r="[A-Z]+\d+"/g, (match) =>
            next() < 0.3 ? `r="${'Z'.repeat(1 + Math.floor(next() * 9))}0"` : match,
          )
          .replace(/<v>\d+<\/v>/g, (match) => (next() < 0.3 ? `<v>${Math.floor(next() * 1e9)}</v>` : match)),
      )
    case 6:
      return rezip(() => null)
    default:
      return Buffer.from('Nom;Entité;Statut\nPC-1;CNAM;En service\n', 'latin1')
  }
}

type Case = {
  index: number
  seed: number
  fixture: string
  corruption: string
  bytes: Buffer
  extension: string
}

function buildCase(
  index: number,
  texts: { file: string; bytes: Buffer; text: string }[],
  workbook: { bytes: Buffer; parts: ZipInput[] },
): Case {
  const seed = SEED + index
  const next = random(seed)
  if (index % XLSX_EVERY === XLSX_EVERY - 1) {
    const kind = Math.floor(next() * XLSX_CORRUPTIONS.length)
    return {
      index,
      seed,
      fixture: XLSX_FIXTURE,
      corruption: XLSX_CORRUPTIONS[kind]!,
      bytes: corruptWorkbook(workbook.bytes, workbook.parts, kind, next),
      extension: 'xlsx',
    }
  }
  const source = texts[index % texts.length]!
  const kind = Math.floor(next() * TEXT_CORRUPTIONS.length)
  return {
    index,
    seed,
    fixture: source.file,
    corruption: TEXT_CORRUPTIONS[kind]!,
    bytes: corruptText(source.bytes, source.text, kind, next),
    extension: 'csv',
  }
}

type Outcomes = { imported: number; refused: number; rowsRead: number; rowsQuarantined: number }

/** Imports one case and checks what must hold whether the file is accepted or refused. */
async function runCase(
  workspace: OpenedWorkspace,
  campaign: Campaign,
  directory: string,
  item: Case,
  outcomes: Outcomes,
) {
  const name = `case-${item.index}.${item.extension}`
  const file = join(directory, name)
  const label = `seed ${item.seed} (case ${item.index}, ${item.fixture}, ${item.corruption})`
  await writeFile(file, item.bytes)
  const lineCount = item.bytes.toString('latin1').split(/\r\n|\r|\n/).length
  const importsBefore = (await workspace.deps.store.listImports(campaign.id)).length
  try {
    const results = await importFile(workspace.deps, {
      file,
      format: 'auto',
      campaign,
      organisationPath: null,
      categoryHint: null,
      defaultCountry: 'FR',
    })
    for (const result of results) {
      expect(result.rowsAccepted + result.rowsQuarantined, label).toBe(result.rowsRead)
      for (const finding of result.sampleFindings) {
        expect(finding.line, label).toBeGreaterThanOrEqual(1)
        if (item.extension === 'csv') expect(finding.line, label).toBeLessThanOrEqual(lineCount)
      }
      outcomes.rowsRead += result.rowsRead
      outcomes.rowsQuarantined += result.rowsQuarantined
    }
    outcomes.imported++
  } catch (error) {
    // A refusal is a typed AppError naming the file; nothing of it is left in the workspace.
    if (!(error instanceof AppError)) throw new Error(`${label}: ${String(error)}`, { cause: error })
    expect(error.message, label).toContain(name)
    expect((await workspace.deps.store.listImports(campaign.id)).length, label).toBe(importsBefore)
    outcomes.refused++
  }
}

/** Every import accounts for its rows, every quarantined row has a line and a reason. */
async function checkWorkspace(reopened: OpenedWorkspace, firstCase: number): Promise<void> {
  const label = `batch starting at seed ${SEED + firstCase}`
  {
    const campaign = await reopened.deps.store.ensureCampaign(2025, endOfYearDay(2025))
    const imports = await reopened.deps.store.listImports(campaign.id)
    const quarantined = new Map(
      (await reopened.deps.store.quarantineByImport(campaign.id)).map((entry) => [entry.importId, entry]),
    )
    for (const record of imports) {
      const rowLabel = `${label}, ${record.fileName}`
      expect(record.rowsAccepted + record.rowsQuarantined, rowLabel).toBe(record.rowsRead)
      const rows = quarantined.get(record.id)?.rows ?? []
      expect(rows.length, rowLabel).toBe(record.rowsQuarantined)
      for (const row of rows) {
        expect(row.line, `${rowLabel} quarantined row`).toBeGreaterThanOrEqual(1)
        expect(row.reasons.length, `${rowLabel} line ${row.line}`).toBeGreaterThan(0)
      }
    }
  }
}

describe('importing randomly corrupted fixtures', () => {
  it(`never crashes, never half-writes, and accounts for every row (${CASES} files)`, async () => {
    const texts = await Promise.all(
      TEXT_FIXTURES.map(async ({ file, encoding }) => {
        const bytes = await readFile(join(ROOT, file))
        return { file, bytes, text: new TextDecoder(encoding).decode(bytes) }
      }),
    )
    const workbookBytes = await readFile(join(ROOT, XLSX_FIXTURE))
    const archive = readZip(workbookBytes, { file: XLSX_FIXTURE, maxUncompressedBytes: 50_000_000 })
    const workbook = {
      bytes: workbookBytes,
      parts: archive.entries.map((entry) => ({ name: entry.name, data: archive.read(entry) })),
    }
    const outcomes: Outcomes = { imported: 0, refused: 0, rowsRead: 0, rowsQuarantined: 0 }
    for (let first = 0; first < CASES; first += BATCH) {
      const isOnDisk = (first / BATCH) % ON_DISK_EVERY === 0
      const directory = await mkdtemp(join(tmpdir(), 'empreinte-fuzz-'))
      try {
        const workspace = await openWorkspace(isOnDisk ? directory : ':memory:', {
          create: true,
          progress: silent,
        })
        try {
          const campaign = await workspace.deps.store.ensureCampaign(2025, endOfYearDay(2025))
          for (let index = first; index < Math.min(CASES, first + BATCH); index++)
            await runCase(workspace, campaign, directory, buildCase(index, texts, workbook), outcomes)
          if (!isOnDisk) await checkWorkspace(workspace, first)
        } finally {
          await workspace.close()
        }
        if (isOnDisk) {
          // The workspace opens again after hundreds of refused and accepted imports.
          const reopened = await openWorkspace(directory, { create: false, progress: silent })
          try {
            await checkWorkspace(reopened, first)
          } finally {
            await reopened.close()
          }
        }
      } finally {
        await rm(directory, { recursive: true, force: true })
      }
    }
    expect(outcomes.imported + outcomes.refused).toBe(CASES)
    // Most corruptions leave something importable; quarantine must have been exercised.
    expect(outcomes.imported).toBeGreaterThan(CASES / 4)
    expect(outcomes.rowsQuarantined).toBeGreaterThan(0)
  }, 180_000)
})
