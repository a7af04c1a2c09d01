/**
 * Streams a file through the core normaliser. Large files go through a worker thread (parse and normalise
 * there, append to the store here: the two cores work at once); small files stay in-process, where a
 * thread would cost more to start than it saves. Both paths run the same core function.
 */
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { planColumns, FORMAT_PROFILES, type FormatId } from '../core/formats/format-profiles.js'
import { createBatchNormaliser, type NormalisedBatch } from '../core/inventory/normalise-batch.js'
import type { NormaliseOptions } from '../core/inventory/normalise-row.js'
import { looksLikeKnownHeader } from '../core/formats/format-profiles.js'
import { readDelimited } from './csv/read-delimited.js'
import { createAssetColumnsUnpacker, type PackedAssetColumns } from './asset-columns-transfer.js'

export type NormaliseJob = { file: string; formatId: FormatId; options: NormaliseOptions; batchSize: number }

/** Files from this size on are normalised in a worker thread. */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024

/** Reads and normalises `job.file` in the calling thread. */
export async function* normaliseInProcess(job: NormaliseJob): AsyncIterable<NormalisedBatch> {
  const table = await readDelimited(job.file, {
    isHeader: (cells) => looksLikeKnownHeader(cells),
    batchSize: job.batchSize,
  })
  const profile = FORMAT_PROFILES.find((candidate) => candidate.id === job.formatId)
  if (!profile) throw new Error(`Unknown format ${job.formatId}`)
  const normaliseBatch = createBatchNormaliser(planColumns(table.header, profile), job.options)
  for await (const rows of table.batches) yield normaliseBatch(rows)
}

/** A batch as the worker posts it: its asset columns packed (see asset-columns-transfer.ts). */
type PackedBatch = Omit<NormalisedBatch, 'assets'> & { assets: PackedAssetColumns }

type WorkerMessage =
  { kind: 'batch'; batch: PackedBatch } | { kind: 'done' } | { kind: 'error'; message: string }

/**
 * Reads and normalises `job.file` in a worker thread; batches arrive with their typed arrays transferred and
 * their coded text columns unpacked into ordinary asset columns.
 */
export async function* normaliseInWorker(job: NormaliseJob): AsyncIterable<NormalisedBatch> {
  // Built code runs the compiled worker; sources run under tsx (tests, development), whose loader a worker
  // thread does not inherit: register it first, then load the worker module.
  const isTypeScript = import.meta.url.endsWith('.ts')
  const script = new URL(isTypeScript ? './normalise-worker.ts' : './normalise-worker.js', import.meta.url)
  const worker = isTypeScript
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}) })`,
        { eval: true, workerData: job },
      )
    : new Worker(fileURLToPath(script), { workerData: job })
  const unpackAssets = createAssetColumnsUnpacker()
  const queue: WorkerMessage[] = []
  let wake: (() => void) | null = null
  let failure: Error | null = null
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message)
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  worker.on('exit', (code) => {
    if (code !== 0 && failure === null)
      failure = new Error(`The normalising worker stopped with exit code ${code}.`)
    wake?.()
  })
  try {
    for (;;) {
      const message = queue.shift()
      if (!message) {
        if (failure) throw failure
        await new Promise<void>((resolve) => (wake = resolve))
        wake = null
        continue
      }
      if (message.kind === 'done') return
      if (message.kind === 'error') throw new Error(message.message)
      // Back-pressure: let the worker run ahead by a few batches only.
      if (queue.length > 4) worker.postMessage('pause')
      else worker.postMessage('resume')
      yield { ...message.batch, assets: unpackAssets(message.batch.assets) }
    }
  } finally {
    await worker.terminate()
  }
}

/** Picks the worker for large files and the calling thread for small ones. */
export function normaliseRows(job: NormaliseJob, bytes: number): AsyncIterable<NormalisedBatch> {
  return bytes >= WORKER_THRESHOLD_BYTES ? normaliseInWorker(job) : normaliseInProcess(job)
}
