import { openWorkspace } from '../../src/main.js'
import { describeStoreContract } from './store-contract.js'

const silent = { start: () => undefined, advance: () => undefined, stop: () => undefined }

describeStoreContract('duckdb', () => openWorkspace(':memory:', { create: true, progress: silent }))
