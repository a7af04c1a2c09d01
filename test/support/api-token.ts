import type { Hono } from 'hono'
import type { Deps } from '../../src/app/ports.js'
import { createApiToken, createUser } from '../../src/app/users.js'

/** Adds an administrator "tests" (no password) to the workspace and answers an API token of theirs. */
export async function createAdministratorToken(deps: Deps, nowMs = Date.UTC(2026, 0, 1)): Promise<string> {
  if ((await deps.access.findUserByLogin('tests')) === null) {
    await createUser(deps, {
      login: 'tests',
      displayName: null,
      role: 'administrator',
      organisation: null,
      password: null,
      nowMs,
    })
  }
  return (await createApiToken(deps, { login: 'tests', name: 'tests', expiresDays: null, nowMs })).token
}

/** The app, with every request sent with `Authorization: Bearer <token>` (unless the request sets its own). */
export function withToken(app: Hono, token: string): { request: Hono['request']; routes: Hono['routes'] } {
  const request = ((input: string | Request | URL, init?: RequestInit, ...rest: unknown[]) => {
    const headers = new Headers(init?.headers)
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`)
    return (app.request as (...args: unknown[]) => ReturnType<Hono['request']>)(
      input,
      { ...init, headers },
      ...rest,
    )
  }) as Hono['request']
  return { request, routes: app.routes }
}
