import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'

describe('empreinte user and audit', () => {
  let directory: string
  let workspace: string

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-user-cli-'))
    workspace = join(directory, 'workspace')
    const file = join(directory, 'parc.csv')
    await writeFile(
      file,
      "Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série;Lieu;Date d'achat;Date de réforme;Utilisateur\n" +
        'PC-1;CNAM > CPAM Rhône;En service;Dell;Latitude 5420;Ordinateur portable;SN1;Lyon;15/03/2021;;\n',
    )
    expect((await runCli(['import', file, '--campaign', '2025', '--workspace', workspace])).code).toBe(0)
  })

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('adds users scoped to an organisation, lists them, prints a token once and audits it all as "local"', async () => {
    const added = await runCli([
      'user',
      'add',
      'rhone',
      '--role',
      'contributor',
      '--organisation',
      'CPAM Rhône',
      '--json',
      '--workspace',
      workspace,
    ])
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({
      login: 'rhone',
      role: 'contributor',
      organisation: 'CNAM > CPAM Rhône',
    })
    const wrong = await runCli(['user', 'add', 'boss', '--role', 'chief', '--workspace', workspace])
    expect([wrong.code, wrong.stderr]).toEqual([
      2,
      'empreinte: Give --role administrator|analyst|contributor|viewer.\n',
    ])
    const list = await runCli(['user', 'list', '--json', '--workspace', workspace])
    expect(JSON.parse(list.stdout).items.map((user: { login: string }) => user.login)).toEqual(['rhone'])
    const token = await runCli([
      'user',
      'token',
      'rhone',
      '--name',
      'script',
      '--expires-days',
      '30',
      '--workspace',
      workspace,
    ])
    expect(token.code).toBe(0)
    // runCli's clock: 2026-11-28 00:00 UTC; + 30 days = 2026-12-28.
    expect(token.stdout).toMatch(
      /^API token 1 "script" for rhone, expires 2026-12-28T00:00:00\.000Z\.\nShown once; send it as "Authorization: Bearer <token>":\n[A-Za-z0-9_-]{43}\n$/,
    )
    const audit = await runCli(['audit', '--json', '--workspace', workspace])
    const actions = JSON.parse(audit.stdout).items.map(
      (event: { actor: string; action: string }) => `${event.actor} ${event.action}`,
    )
    expect(actions).toEqual(['local token.create', 'local user.create', 'local inventory.import'])
    expect(audit.stdout).not.toContain(token.stdout.trim().split('\n').at(-1))
  })
})
