import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endOfYearDay } from '../src/app/campaigns.js'
import { AppError } from '../src/app/errors.js'
import { importFile } from '../src/app/import-inventory.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { openWorkspace } from '../src/main.js'

const ROOT = join(import.meta.dirname, '..')
const FIXTURES = [
  'fixtures/e2e/glpi-parc.csv',
  'fixtures/e2e/numecoeval-equipements.csv',
  'fixtures/csv/glpi-utf8-bom.csv',
  'fixtures/formats/intune-utf8-bom.csv',
  'fixtures/formats/ocs-cp1252.csv',
]
const CASES = 400
const silent = { start() {}, advance() {}, stop() {} }

/** mulberry32: the same corruptions on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), state | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

function corrupt(bytes: Buffer, next: () => number): Buffer {
  const copy = Buffer.from(bytes)
  switch (Math.floor(next() * 6)) {
    case 0: // truncate anywhere
      return copy.subarray(0, Math.floor(next() * copy.length))
    case 1: // random bytes, binary garbage included
      for (let count = 0; count < 1 + next() * 20; count++)
        copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256)
      return copy
    case 2: // stray quotes and delimiters
      for (let count = 0; count < 1 + next() * 10; count++)
        copy[Math.floor(next() * copy.length)] = next() < 0.5 ? 0x22 : 0x3b
      return copy
    case 3: // a huge field
      return Buffer.concat([
        copy.subarray(0, copy.length >> 1),
        Buffer.alloc(200_000, 0x41),
        copy.subarray(copy.length >> 1),
      ])
    case 4: // line breaks removed or doubled
      return Buffer.from(copy.toString('latin1').replace(/\n/g, next() < 0.5 ? '' : '\n\n'), 'latin1')
    default: // empty file
      return Buffer.alloc(0)
  }
}

describe('importing randomly corrupted fixtures', () => {
  let directory: string
  let workspace: OpenedWorkspace
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-fuzz-'))
    workspace = await openWorkspace(directory, { create: true, progress: silent })
  })
  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  it(`never crashes, never half-writes, and accounts for every row (${CASES} files)`, async () => {
    const next = random(20261128)
    const originals = await Promise.all(FIXTURES.map((file) => readFile(join(ROOT, file))))
    const campaign = await workspace.deps.store.ensureCampaign(2025, endOfYearDay(2025))
    const outcomes = { imported: 0, refused: 0 }
    for (let index = 0; index < CASES; index++) {
      const file = join(directory, `case-${index}.csv`)
      const bytes = corrupt(originals[index % originals.length]!, next)
      await writeFile(file, bytes)
      const lineCount = bytes.toString('latin1').split(/\r\n|\r|\n/).length
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
          expect(result.rowsAccepted + result.rowsQuarantined).toBe(result.rowsRead)
          for (const finding of result.sampleFindings) expect(finding.line).toBeLessThanOrEqual(lineCount)
        }
        outcomes.imported++
      } catch (error) {
        // A refusal is a clear AppError naming the file; the workspace is left as it was.
        expect(error).toBeInstanceOf(AppError)
        expect((error as AppError).message).toContain(`case-${index}.csv`)
        expect((await workspace.deps.store.listImports(campaign.id)).length).toBe(importsBefore)
        outcomes.refused++
      }
    }
    expect(outcomes.imported + outcomes.refused).toBe(CASES)
    expect(outcomes.imported).toBeGreaterThan(CASES / 4)
  })
})
