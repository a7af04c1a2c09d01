#!/usr/bin/env node
/**
 * Composition root: the only module that builds store and io adapters and hands them to the use cases.
 */
import { realpathSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { mkdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Deps, Progress } from './app/ports.js'
import { AppError } from './app/errors.js'
import type { OpenedWorkspace, WorkspaceOpener } from './cli/cli-io.js'
import { run } from './cli/run.js'
import { loadConfig, type Config } from './config.js'
import { createDefaultReferentialSource } from './io/ademe-referential.js'
import { createNodeFiles } from './io/node-files.js'
import { createNodeFolderWatcher } from './io/node-folder-watcher.js'
import { createTableEncoder } from './io/encode-table.js'
import { createNodeSecrets } from './io/secrets.js'
import { createSmtpMailer } from './io/smtp-client.js'
import { DuckDbStore } from './store/duckdb/duckdb-store.js'
import { PostgresStore } from './store/postgres/postgres-store.js'
import { createPostgresBackup } from './store/postgres/backup.js'

export const DATABASE_FILE = 'workspace.duckdb'

/** Opens a workspace folder on the embedded DuckDB engine (':memory:' keeps everything in memory, for tests). */
export async function openWorkspace(
  directory: string,
  options: { create: boolean; progress: Progress },
): Promise<OpenedWorkspace> {
  if (/^postgres(ql)?:\/\//.test(directory)) return openPostgresWorkspace(directory, './empreinte-data', options)
  let databasePath = ':memory:'
  if (directory !== ':memory:') {
    const folder = resolve(directory)
    const isPresent = await stat(folder).then(
      () => true,
      () => false,
    )
    if (!isPresent && !options.create) {
      throw new AppError(
        'no_campaign',
        `No workspace at ${folder}: run "empreinte demo" or "empreinte import FILE" first, or pass --workspace DIR.`,
      )
    }
    await mkdir(folder, { recursive: true })
    databasePath = join(folder, DATABASE_FILE)
    directory = folder
  }
  const store = await DuckDbStore.open(databasePath)
  const deps: Deps = {
    store,
    backup: store.workspaceBackup(),
    files: createNodeFiles(),
    folders: createNodeFolderWatcher(),
    referential: createDefaultReferentialSource(),
    progress: options.progress,
    tables: createTableEncoder(),
    access: store.accessStore(),
    campaigns: store.campaignStore(),
    mailer: createSmtpMailer(),
    plans: store.planStore(),
    electricity: store.electricityOverrideStore(),
    ecoDesign: store.ecoDesignStore(),
    workspaceTables: store.workspaceTables(),
    referentials: store.referentialVersionStore(),
    secrets: createNodeSecrets(),
  }
  return { deps, directory, close: () => store.close() }
}

/**
 * Opens a workspace held by a PostgreSQL database (`url`); `directory` only receives files (uploads, demo files).
 * The access, campaign-freeze and plan stores are not ported yet: their methods fail with "not available on
 * PostgreSQL yet" (docs/postgresql.md).
 */
export async function openPostgresWorkspace(
  url: string,
  directory: string,
  options: { create: boolean; progress: Progress },
): Promise<OpenedWorkspace> {
  const store = await PostgresStore.open(url)
  const folder = resolve(directory)
  const deps: Deps = {
    store,
    backup: createPostgresBackup(url),
    files: createNodeFiles(),
    folders: createNodeFolderWatcher(),
    referential: createDefaultReferentialSource(),
    progress: options.progress,
    tables: createTableEncoder(),
    access: store.accessStore(),
    campaigns: store.campaignStore(),
    mailer: createSmtpMailer(),
    plans: store.planStore(),
    electricity: store.electricityOverrideStore(),
    ecoDesign: store.ecoDesignStore(),
    workspaceTables: store.workspaceTables(),
    referentials: store.referentialVersionStore(),
    secrets: createNodeSecrets(),
  }
  return { deps, directory: folder, close: () => store.close() }
}

/** The workspace opener for a configuration: EMPREINTE_DATABASE_URL selects PostgreSQL, else DuckDB files. */
export function workspaceOpener(config: Config): WorkspaceOpener {
  const { databaseUrl } = config
  if (databaseUrl === undefined) return openWorkspace
  return (directory, options) =>
    directory === ':memory:' || /^postgres(ql)?:\/\//.test(directory)
      ? openWorkspace(directory, options)
      : openPostgresWorkspace(databaseUrl, directory, options)
}

const isEntryPoint =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)
if (isEntryPoint) {
  // Imports allocate millions of short-lived rows: a larger young generation cuts garbage collection by ~20%.
  setFlagsFromString('--max-semi-space-size=64')
  const config = loadConfig(process.env)
  const exitCode = await run(
    process.argv.slice(2),
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      isTty: Boolean(process.stderr.isTTY),
      now: () => Date.now(),
      cwd: process.cwd(),
      untilStopped: () =>
        new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve())
          process.once('SIGTERM', () => resolve())
        }),
      staticDirectory: fileURLToPath(new URL('../web', import.meta.url)),
      readStdin: async () => {
        let text = ''
        for await (const chunk of process.stdin) text += String(chunk)
        return text
      },
    },
    config,
    workspaceOpener(config),
  )
  process.exitCode = exitCode
}
