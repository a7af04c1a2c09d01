import { tmpdir } from 'node:os'
import { afterAll, beforeAll } from 'vitest'
import { openPostgresWorkspace } from '../../src/main.js'
import { startPostgres, type PostgresServer } from '../support/postgres-server.js'
import { describeStoreContract } from './store-contract.js'

const silent = { start: () => undefined, advance: () => undefined, stop: () => undefined }

let server: PostgresServer
beforeAll(async () => {
  server = await startPostgres()
})
afterAll(async () => {
  await server.stop()
})

// A fresh database per test, migrated on open (what Actual's emptyDatabase() does for SQLite).
describeStoreContract('postgres', async () =>
  openPostgresWorkspace(await server.createDatabase(), tmpdir(), { create: true, progress: silent }),
)
