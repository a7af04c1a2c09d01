import type { Hono } from 'hono'
import { createUser } from '../../src/app/users.js'
import type { Deps } from '../../src/app/ports.js'

export const TEST_LOGIN = 'admin'
export const TEST_PASSWORD = 'correct horse battery staple'

/** Adds an administrator to the workspace (as the local operator, like the `user` command would). */
export async function addAdministrator(deps: Deps, nowMs: number = Date.now()): Promise<void> {
  await createUser(deps, {
    login: TEST_LOGIN,
    displayName: 'Admin',
    role: 'administrator',
    organisation: null,
    password: TEST_PASSWORD,
    nowMs,
  })
}

/**
 * Signs the administrator in through POST /api/session and returns the headers of later requests: the
 * session cookie and the CSRF token (unsafe methods need it).
 */
export async function signInHeaders(app: Hono): Promise<Record<string, string>> {
  const response = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: TEST_LOGIN, password: TEST_PASSWORD }),
  })
  if (response.status !== 201) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie, 'x-csrf-token': csrfToken }
}
