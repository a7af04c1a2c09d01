/**
 * Starts a real, throw-away PostgreSQL 15 server (Debian package `postgresql`) for the tests: initdb into a
 * temporary folder, `postgres` on a free loopback port with fsync off, then a URL and a stop function.
 * PostgreSQL refuses to run as root: as root, the folder is handed to the `postgres` system user and both
 * programs run under it through `setpriv` (which execs, so the process we hold is the server itself).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'

export const POSTGRES_BIN = process.env['EMPREINTE_POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin'

export type PostgresServer = {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string
  port: number
  /** A fresh empty database on this server; returns its URL. */
  createDatabase(name?: string): Promise<string>
  stop(): Promise<void>
}

const run = promisify(execFile)

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** The command prefix that runs a PostgreSQL program as an unprivileged user. */
async function asServerUser(): Promise<{ prefix: string[]; uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return { prefix: [] }
  const { stdout } = await run('id', ['-u', 'postgres'])
  const { stdout: group } = await run('id', ['-g', 'postgres'])
  return {
    prefix: ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--'],
    uid: Number(stdout.trim()),
    gid: Number(group.trim()),
  }
}

let counter = 0

/** Starts the server and waits until it accepts connections (about 1.5 s). */
export async function startPostgres(): Promise<PostgresServer> {
  if (!existsSync(join(POSTGRES_BIN, 'postgres')))
    throw new Error(
      `PostgreSQL 15 is not installed (${POSTGRES_BIN}/postgres missing): apt-get install postgresql (.ci/run does it).`,
    )
  const folder = await mkdtemp(join(tmpdir(), 'empreinte-pg-'))
  const user = await asServerUser()
  if (user.uid !== undefined) await chown(folder, user.uid, user.gid!)
  const data = join(folder, 'data')
  const command = (program: string, args: string[]): [string, string[]] => {
    const full = [...user.prefix, join(POSTGRES_BIN, program), ...args]
    return [full[0]!, full.slice(1)]
  }
  const [initdb, initArgs] = command('initdb', [
    '-D',
    data,
    '--auth=trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ])
  await run(initdb, initArgs)
  const port = await freePort()
  const [server, serverArgs] = command('postgres', [
    '-D',
    data,
    '-k',
    folder,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=50',
    '-c',
    'shared_buffers=64MB',
  ])
  const child: ChildProcess = spawn(server, serverArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const admin = postgres(url, { max: 1, onnotice: () => undefined, connect_timeout: 2 })
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      await admin`SELECT 1`
      break
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await admin.end({ timeout: 0 })
        await rm(folder, { recursive: true, force: true })
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`, { cause: error })
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return {
    url,
    port,
    async createDatabase(name) {
      const database = name ?? `test_${process.pid}_${++counter}`
      await admin.unsafe(`CREATE DATABASE "${database.replaceAll('"', '')}"`)
      return `postgres://postgres@127.0.0.1:${port}/${database}`
    },
    async stop() {
      await admin.end({ timeout: 1 })
      // SIGINT: "fast" shutdown (active sessions are disconnected).
      child.kill('SIGINT')
      await exited
      await rm(folder, { recursive: true, force: true })
    },
  }
}
