import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCrashImports, type CrashRunReport } from '../bench/crash-imports.js'

// The fast variant of bench/crash-imports.ts (100 kills, figures in bench/README.md): a few imports of varied
// files (4 here), each SIGKILLed at a seeded random point, the workspace checked after each kill.
describe('imports killed with SIGKILL at random points', () => {
  let directory: string
  let report: CrashRunReport
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-crash-imports-'))
    report = await runCrashImports({ kills: 4, seed: 11, maxRows: 2_000, directory })
  }, 240_000)
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('leave a workspace that opens, with every import whole or absent, and re-running gives the reference', () => {
    expect(report.problems).toEqual([])
    expect(report.kills).toBe(4)
    expect(report.killedWhileRunning + report.finishedBeforeKill).toBe(4)
    expect(report.foundWhole + report.foundAbsent).toBe(report.killedWhileRunning)
    // Same inventory and same footprint as the uninterrupted reference run.
    expect(report.finalAssets).toBe(report.referenceAssets)
    expect(report.finalClimateKgCo2e).toBeCloseTo(report.referenceClimateKgCo2e, 6)
  })
})
