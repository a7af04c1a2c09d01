import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpApp } from '../src/http/create-http-app.js'
import { openWorkspace } from '../src/main.js'
import { runCli } from './support/run-cli.js'

describe('empreinte demo: users to sign in to the dashboard with', () => {
  let directory: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-demo-users-'))
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('creates an administrator and a CPAM Rhône contributor once, with a password shown once', async () => {
    const workspace = join(directory, 'ws')
    const demo = ['demo', '--organisations', '3', '--workstations', '60', '--workspace', workspace, '--json']
    const first = await runCli(demo)
    expect(first.code).toBe(0)
    const users = (JSON.parse(first.stdout) as { users: { logins: string[]; password: string | null } }).users
    expect(users.logins).toEqual(['admin', 'rhone'])
    // A random password: 20 base64url characters of a 256-bit token.
    expect(users.password).toMatch(/^[A-Za-z0-9_-]{20}$/)

    const listed = await runCli(['user', 'list', '--workspace', workspace, '--json'])
    expect(
      (JSON.parse(listed.stdout) as { items: { login: string; role: string; organisation: string | null }[] }).items.map(
        (user) => [user.login, user.role],
      ),
    ).toEqual([
      ['admin', 'administrator'],
      ['rhone', 'contributor'],
    ])

    // Building the demo again keeps the users and never prints a password again.
    const second = await runCli(demo)
    expect(second.code).toBe(0)
    expect((JSON.parse(second.stdout) as { users: { password: string | null } }).users.password).toBeNull()

    // The contributor signs in through the API with that password.
    const opened = await openWorkspace(workspace, {
      create: false,
      progress: { start: () => {}, advance: () => {}, stop: () => {} },
    })
    try {
      const app = createHttpApp(opened.deps)
      const signIn = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'rhone', password: users.password }),
      })
      expect(signIn.status).toBe(201) // a session is created
      const refused = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'rhone', password: 'not-the-password' }),
      })
      expect(refused.status).toBe(401)
    } finally {
      await opened.close()
    }
  }, 60_000)
})
