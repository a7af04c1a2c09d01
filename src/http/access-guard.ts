/**
 * The guard of every /api route (docs/access-control.md): finds the route's declared access rule
 * (route-access.ts), identifies the caller (session cookie or bearer token), checks the CSRF token of unsafe
 * requests made with a cookie, the role's permission and the organisation scope, then runs the handler with
 * the caller as the actor of the use cases. A route without a declared rule is refused: fail closed.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import {
  requirePermission,
  requireWholeTree,
  resolveReadPerimeter,
  resolveWritePerimeter,
} from '../app/access.js'
import { AppError } from '../app/errors.js'
import type { Deps } from '../app/ports.js'
import { authenticate, isCsrfTokenValid } from '../app/users.js'
import type { Actor } from '../core/access/roles.js'
import type { SerialQueue } from './serial-queue.js'
import { accessRuleOf, openApiPath } from './route-access.js'

export const SESSION_COOKIE = 'empreinte_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The actor of the request being answered (read by the handlers through `depsOf`). */
export type ActorContext = AsyncLocalStorage<Actor | undefined>

/** The deps of the current request: the workspace's, acting as the request's actor. */
export function requestDeps(deps: Deps, actors: ActorContext): Deps {
  const actor = actors.getStore()
  return actor === undefined ? deps : { ...deps, actor }
}

/** The client's address as the socket gives it (X-Forwarded-For is not trusted: see the docs). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'local'
}

/** The bearer token of an `Authorization: Bearer …` header, or null. */
function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization')
  if (header === undefined) return null
  const match = /^Bearer\s+([A-Za-z0-9_-]{1,200})\s*$/i.exec(header)
  if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <API token>".')
  return match[1]!
}

/** A text field of a JSON request body (null when absent, not text, or the body is not JSON); Hono keeps the parsed body for the handler. */
async function jsonBodyField(c: Context, name: string): Promise<string | null> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) return null
  try {
    const body = (await c.req.json()) as unknown
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : null
    return typeof value === 'string' && value.trim() !== '' ? value : null
  } catch {
    return null
  }
}

/**
 * The middleware for /api/*. Authentication and scope checks read the workspace, so they take their turn in
 * the same queue as the operations (one DuckDB connection, one writer).
 */
export function createAccessGuard(
  deps: Deps,
  options: { queue: SerialQueue; actors: ActorContext; now: () => number },
): MiddlewareHandler {
  return async (c, next) => {
    // The handler Hono matched for this request (middleware and the catch-all are registered for ALL).
    const handler = c.req.matchedRoutes.find((route) => route.method !== 'ALL')
    if (handler === undefined) return options.actors.run(undefined, next)
    const rule = accessRuleOf(c.req.method, handler.path)
    if (rule === null) {
      throw new AppError(
        'forbidden',
        `${c.req.method} ${openApiPath(handler.path)} has no declared access rule (src/http/route-access.ts); refused.`,
      )
    }
    if (rule.permission === null) return options.actors.run(undefined, next)
    const nowMs = options.now()
    const sessionToken = getCookie(c, SESSION_COOKIE) ?? null
    const bearer = bearerToken(c)
    const actor = await options.queue.run(async () => {
      const who = await authenticate(deps, { sessionToken, bearerToken: bearer, nowMs })
      if (who.via === 'session' && !SAFE_METHODS.has(c.req.method)) {
        if (!isCsrfTokenValid(deps, who.session, c.req.header(CSRF_HEADER) ?? null)) {
          throw new AppError(
            'forbidden',
            'Missing or wrong X-CSRF-Token header: send the token POST /api/session answered (cookie sign-in).',
          )
        }
      }
      const acting: Deps = { ...deps, actor: who.actor }
      requirePermission(acting, rule.permission!)
      if (rule.scope.kind === 'workspace')
        requireWholeTree(acting, `${c.req.method} ${openApiPath(handler.path)}`)
      if (rule.scope.kind === 'organisation' && (rule.scope.in === 'query' || rule.scope.in === 'path')) {
        const named = rule.scope.in === 'query' ? c.req.query(rule.scope.name) : c.req.param(rule.scope.name)
        // Checked again by the use case; here it stops a request early, before any work.
        if (named && named.trim() !== '') await resolveReadPerimeter(acting, named)
      }
      if (rule.scope.kind === 'organisation' && rule.scope.in === 'body') {
        // A write naming an organisation outside the subtree is refused (403) before the body is validated.
        const named = await jsonBodyField(c, rule.scope.name)
        if (named !== null) await resolveWritePerimeter(acting, named)
      }
      return who.actor
    })
    c.header('cache-control', 'no-store')
    return options.actors.run(actor, next)
  }
}
