/** Worker thread: parse and normalise one file, post each batch to the parent with its typed arrays transferred. */
import { parentPort, workerData } from 'node:worker_threads'
import { transferablesOf } from '../core/inventory/asset-columns.js'
import { normaliseInProcess, type NormaliseJob } from './normalise-rows.js'

const port = parentPort!
let isPaused = false
let resume: (() => void) | null = null
port.on('message', (message: string) => {
  isPaused = message === 'pause'
  if (!isPaused) resume?.()
})

try {
  for await (const batch of normaliseInProcess(workerData as NormaliseJob)) {
    port.postMessage({ kind: 'batch', batch }, transferablesOf(batch.assets))
    if (isPaused) await new Promise<void>((resolve) => (resume = resolve))
    resume = null
  }
  port.postMessage({ kind: 'done' })
} catch (error) {
  port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
}
