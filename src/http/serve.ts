import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'

/** A listening server: where it answers, and how to stop it (open connections included). */
export type RunningServer = { url: string; close(): Promise<void> }

/**
 * Serves `app` over HTTP on `hostname:port`: the loopback interface unless told otherwise, so a workspace
 * is not exposed to the network by accident. Port 0 picks a free port; `url` says which.
 * @example const server = await serveHttp(createHttpApp(deps), { port: 8080 }); console.log(server.url)
 */
export async function serveHttp(
  app: Hono,
  options: { port: number; hostname?: string },
): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1'
  // Without http2/https options the adaptor creates a node:http Server.
  const server = createAdaptorServer({ fetch: app.fetch, hostname }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
