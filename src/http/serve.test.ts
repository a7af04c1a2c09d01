import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openWorkspace } from '../main.js'
import { createHttpApp } from './create-http-app.js'
import { serveHttp } from './serve.js'
import { createAdministratorToken } from '../../test/support/api-token.js'

// The one test that opens a port: it checks what only a real socket shows (binding, streamed upload, close).
describe('serveHttp', () => {
  it('listens on the loopback interface, streams an upload through the socket, and closes', async () => {
    const workspace = await openWorkspace(':memory:', {
      create: true,
      progress: { start() {}, advance() {}, stop() {} },
    })
    const app = createHttpApp(workspace.deps, {
      uploadDirectory: join(tmpdir(), 'empreinte-serve-test'),
      now: () => Date.UTC(2026, 0, 1),
    })
    const server = await serveHttp(app, { port: 0 })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = await fetch(`${server.url}/api/health`)
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok', engine: 'duckdb' }])
      const form = new FormData()
      const fixture = fileURLToPath(new URL('../../fixtures/e2e/glpi-parc.csv', import.meta.url))
      form.append('file', new Blob([await readFile(fixture)]), 'glpi-parc.csv')
      const upload = await fetch(`${server.url}/api/imports`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${await createAdministratorToken(workspace.deps)}` },
      })
      expect(upload.status).toBe(201)
      expect(await upload.json()).toMatchObject({
        campaign: 2025,
        imports: [{ rowsRead: 9, rowsAccepted: 7, rowsQuarantined: 2 }],
      })
    } finally {
      await server.close()
      await workspace.close()
    }
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
  })
})
