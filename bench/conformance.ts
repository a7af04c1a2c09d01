/**
 * Benchmark: the G4IT / NumEcoEval conformance run (docs/conformance.md), the same path as
 * `empreinte conformance DIR`: read every CSV of the sets, rebuild the 1.x referential from its traces,
 * compute, compare.
 *   npm run build && node dist/bench/conformance.js [DIR (../shared/data/g4it-conformance)] [--runs 5]
 * Prints one JSON document: seconds per run (first run includes module warm-up), values compared.
 * Target (issue 4): the conformance run under 10 s.
 */
import { resolve } from 'node:path'
import { runConformance } from '../src/app/run-conformance.js'
import type { Deps } from '../src/app/ports.js'
import { createNodeFiles } from '../src/io/node-files.js'
import { createNodeFolderWatcher } from '../src/io/node-folder-watcher.js'

const args = process.argv.slice(2)
const runsIndex = args.indexOf('--runs')
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 5
const directory = resolve(args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--runs') ?? '../shared/data/g4it-conformance')
// runConformance uses only the file and folder ports.
const deps = { files: createNodeFiles(), folders: createNodeFolderWatcher() } as unknown as Deps

const seconds: number[] = []
let compared = 0
let isConformant = true
for (let run = 0; run < runs; run += 1) {
  const start = process.hrtime.bigint()
  const report = await runConformance(deps, { directory })
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9)
  compared = report.sets.flatMap((set) => set.files).reduce((sum, file) => sum + file.compared, 0)
  isConformant &&= report.isConformant
}
const sorted = [...seconds].sort((a, b) => a - b)
console.log(
  JSON.stringify(
    {
      directory,
      runs,
      valuesCompared: compared,
      isConformant,
      secondsPerRun: seconds.map((value) => Number(value.toFixed(3))),
      medianSeconds: Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(3)),
      targetSeconds: 10,
    },
    null,
    2,
  ),
)
