/**
 * The routes of users and access (docs/access-control.md): sign-in and sign-out with an httpOnly SameSite
 * cookie and a CSRF token, who am I, users, API tokens and the audit log. Their access rules are in
 * route-access.ts like every other route's.
 */
import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { AppError } from '../app/errors.js'
import type { Deps } from '../app/ports.js'
import {
  createApiToken,
  createUser,
  currentUser,
  disableUser,
  listApiTokens,
  listAuditEvents,
  listUsers,
  revokeApiToken,
  signIn,
  signOut,
} from '../app/users.js'
import { ROLES } from '../core/access/roles.js'
import { clientAddress, SESSION_COOKIE } from './access-guard.js'
import type { ApiRoute } from './api-routes.js'
import { RequestError } from './errors.js'

const MAX_JSON_BYTES = 64 * 1024

const credentials = z
  .object({ login: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict()
const newUser = z
  .object({
    login: z.string().min(1).max(64),
    displayName: z.string().min(1).max(200).nullable().default(null),
    role: z.enum(ROLES),
    organisation: z.string().min(1).max(1000).nullable().default(null),
    password: z.string().min(1).max(256),
  })
  .strict()
const newToken = z
  .object({
    name: z.string().min(1).max(100),
    login: z.string().min(1).max(64).nullable().default(null),
    expiresDays: z.number().int().min(1).max(3650).nullable().default(90),
  })
  .strict()
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  action: z.string().min(1).max(100).nullable().default(null),
})

const body = (description: string): ApiRoute['parameters'][number] => ({
  name: 'body',
  in: 'body',
  field: 'body',
  kind: 'json',
  description,
})

/** The routes below, for the API description (their handlers are registered by `registerAccessRoutes`). */
export const ACCESS_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/api/session',
    operationId: 'session.create',
    operation: null,
    summary:
      'Sign in with {login, password}: sets the httpOnly SameSite=Strict session cookie and answers the CSRF token ' +
      'to send as X-CSRF-Token with every POST/DELETE. 5 failures in 15 min (per login or address) → 429 + Retry-After.',
    parameters: [body('{"login": "…", "password": "…"}')],
    response: { status: 201, contentType: 'application/json', schema: null },
    errors: [400, 401, 429],
  },
  {
    method: 'GET',
    path: '/api/session',
    operationId: 'session.get',
    operation: null,
    summary: 'Who is signed in: login, role, organisation scope, permissions.',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401],
  },
  {
    method: 'DELETE',
    path: '/api/session',
    operationId: 'session.delete',
    operation: null,
    summary: 'Sign out: ends the session and clears the cookie.',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401, 403],
  },
  {
    method: 'GET',
    path: '/api/users',
    operationId: 'users.list',
    operation: null,
    summary: 'Every user with role and organisation scope (administrators).',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401, 403],
  },
  {
    method: 'POST',
    path: '/api/users',
    operationId: 'users.create',
    operation: null,
    summary: 'Add a user: {login, displayName?, role, organisation?, password} (administrators).',
    parameters: [
      body(
        '{"login", "displayName", "role": administrator|analyst|contributor|viewer, "organisation", "password"}',
      ),
    ],
    response: { status: 201, contentType: 'application/json', schema: null },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'POST',
    path: '/api/users/{login}/disable',
    operationId: 'users.disable',
    operation: null,
    summary: 'Disable a user: their sessions end and their API tokens are revoked (administrators).',
    parameters: [{ name: 'login', in: 'path', field: 'login', kind: 'string', description: 'The login.' }],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401, 403, 404],
  },
  {
    method: 'GET',
    path: '/api/tokens',
    operationId: 'tokens.list',
    operation: null,
    summary: 'Your API tokens (every token for an administrator); never the tokens themselves.',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401],
  },
  {
    method: 'POST',
    path: '/api/tokens',
    operationId: 'tokens.create',
    operation: null,
    summary:
      'Create an API token {name, expiresDays? (90), login? (administrators: for another user)}; the token is in this answer only.',
    parameters: [body('{"name": "…", "expiresDays": 90}')],
    response: { status: 201, contentType: 'application/json', schema: null },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    operationId: 'tokens.revoke',
    operation: null,
    summary: 'Revoke an API token (your own, or any for an administrator).',
    parameters: [{ name: 'id', in: 'path', field: 'id', kind: 'integer', description: 'The token id.' }],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401, 403, 404],
  },
  {
    method: 'GET',
    path: '/api/audit',
    operationId: 'audit.list',
    operation: null,
    summary:
      'The audit log, most recent first: imports, rule and referential changes, actions, users, sign-ins.',
    parameters: [
      { name: 'limit', in: 'query', field: 'limit', kind: 'integer', description: 'Page size (1 to 1000).' },
      { name: 'offset', in: 'query', field: 'offset', kind: 'integer', description: 'Items skipped.' },
      {
        name: 'action',
        in: 'query',
        field: 'action',
        kind: 'string',
        description: 'Only this action, e.g. inventory.import.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: null },
    errors: [401, 403],
  },
]

/** Reads and validates a small JSON body, every problem reported at once (400). */
async function readJson<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.infer<Schema>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new RequestError('unsupported_media_type', 'Send the body as application/json.')
  }
  const declared = Number(c.req.header('content-length') ?? '0')
  if (declared > MAX_JSON_BYTES)
    throw new RequestError('payload_too_large', `The body is over ${MAX_JSON_BYTES} bytes.`)
  const text = await c.req.text()
  if (text.length > MAX_JSON_BYTES)
    throw new RequestError('payload_too_large', `The body is over ${MAX_JSON_BYTES} bytes.`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new RequestError('invalid_request', 'The body is not valid JSON.')
  }
  const result = schema.safeParse(value)
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }))
    throw new RequestError(
      'invalid_request',
      `Invalid request: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`,
      issues,
    )
  }
  return result.data
}

/** Registers the handlers of ACCESS_ROUTES; `depsOf` gives the deps acting as the request's actor. */
export function registerAccessRoutes(
  app: Hono,
  options: {
    deps: Deps
    depsOf: () => Deps
    run: <T>(task: () => Promise<T>) => Promise<T>
    now: () => number
  },
): void {
  const { run, now } = options
  app.post('/api/session', async (c) => {
    const input = await readJson(c, credentials)
    try {
      const signed = await run(() =>
        signIn(options.deps, { ...input, address: clientAddress(c), nowMs: now() }),
      )
      setCookie(c, SESSION_COOKIE, signed.sessionToken, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: new URL(c.req.url).protocol === 'https:',
        path: '/',
        expires: new Date(signed.expiresMs),
      })
      c.header('cache-control', 'no-store')
      return c.json({ user: signed.user, csrfToken: signed.csrfToken, expiresAt: signed.expiresAt }, 201)
    } catch (error) {
      if (error instanceof AppError && error.code === 'too_many_requests') {
        const seconds = Number(error.details['retryAfterSeconds'] ?? 900)
        return c.json({ error: { code: error.code, message: error.message } }, 429, {
          'retry-after': String(seconds),
        })
      }
      throw error
    }
  })
  app.get('/api/session', async (c) => c.json(await run(() => currentUser(options.depsOf()))))
  app.delete('/api/session', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token !== undefined) await run(() => signOut(options.deps, { sessionToken: token }))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ status: 'signed-out' })
  })
  app.get('/api/users', async (c) => c.json(await run(() => listUsers(options.depsOf()))))
  app.post('/api/users', async (c) => {
    const input = await readJson(c, newUser)
    return c.json(await run(() => createUser(options.depsOf(), { ...input, nowMs: now() })), 201)
  })
  app.post('/api/users/:login/disable', async (c) =>
    c.json(await run(() => disableUser(options.depsOf(), { login: c.req.param('login'), nowMs: now() }))),
  )
  app.get('/api/tokens', async (c) => c.json(await run(() => listApiTokens(options.depsOf()))))
  app.post('/api/tokens', async (c) => {
    const input = await readJson(c, newToken)
    c.header('cache-control', 'no-store')
    return c.json(await run(() => createApiToken(options.depsOf(), { ...input, nowMs: now() })), 201)
  })
  app.delete('/api/tokens/:id', async (c) => {
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id) || id < 1)
      throw new RequestError('invalid_request', 'Invalid request: id: a token id is a positive integer.', [
        { path: 'id', message: 'a token id is a positive integer' },
      ])
    return c.json(await run(() => revokeApiToken(options.depsOf(), { id, nowMs: now() })))
  })
  app.get('/api/audit', async (c) => {
    const parsed = auditQuery.safeParse({
      limit: c.req.query('limit') || undefined,
      offset: c.req.query('offset') || undefined,
      action: c.req.query('action') || null,
    })
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }))
      throw new RequestError(
        'invalid_request',
        `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      )
    }
    return c.json(await run(() => listAuditEvents(options.depsOf(), parsed.data)))
  })
}
