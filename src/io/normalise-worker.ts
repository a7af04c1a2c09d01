/**
 * Worker thread: parse and normalise one file, post each batch to the parent with its typed arrays transferred
 * and its repetitive text columns sent as codes (asset-columns-transfer.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createAssetColumnsPacker, transferablesOfPacked } from './asset-columns-transfer.js'
import { normaliseInProcess, type NormaliseJob } from './normalise-rows.js'

const port = parentPort!
let isPaused = false
let resume: (() => void) | null = null
port.on('message', (message: string) => {
  isPaused = message === 'pause'
  if (!isPaused) resume?.()
})

const packAssets = createAssetColumnsPacker()
try {
  for await (const batch of normaliseInProcess(workerData as NormaliseJob)) {
    const assets = packAssets(batch.assets)
    port.postMessage({ kind: 'batch', batch: { ...batch, assets } }, transferablesOfPacked(assets))
    if (isPaused) await new Promise<void>((resolve) => (resume = resolve))
    resume = null
  }
  port.postMessage({ kind: 'done' })
} catch (error) {
  port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
}
