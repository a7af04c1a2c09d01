/**
 * Use cases of users and access (docs/access-control.md): sign-in with a login rate limit, sessions with a
 * CSRF token, API tokens, users and the audit log. Secrets are only ever stored as hashes; the tokens are
 * answered once, to their holder.
 */
import { decideLoginAttempt, LOGIN_THROTTLE } from '../core/access/login-throttle.js'
import { ROLE_PERMISSIONS, WHOLE_TREE_ROLES, type Actor, type Role } from '../core/access/roles.js'
import { recordAudit, requirePermission } from './access.js'
import { resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import type { ApiTokenRecord, Deps, SessionRecord, StoredUser } from './ports.js'

/** How long a session lasts without signing in again (8 hours: a working day). */
export const SESSION_HOURS = 8
const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** OWASP ASVS 2.1.1 asks for at least 12 characters; no composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12
const MAX_PASSWORD_LENGTH = 256
const LOGIN_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/
const SEPARATOR = ' > '
// A valid argon2id hash of a random password, verified when the login is unknown so an unknown login
// takes as long to refuse as a wrong password.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$aDbVEueRFnaXN0m9jyD7Uw$K3Z01V0INNI9W0sy4dTpkPf1eXzRaR7v+dS/omqXqH4'

/** A user as the API and the CLI show it (no hash). */
export type UserSummary = {
  login: string
  displayName: string
  role: Role
  /** Organisation path the role is limited to; null = the whole tree. */
  organisation: string | null
  createdAt: string
  disabledAt: string | null
}

export type ApiTokenSummary = {
  id: number
  login: string
  name: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

const iso = (ms: number): string => new Date(ms).toISOString()
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms))

function toUserSummary(user: StoredUser): UserSummary {
  return {
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    organisation: user.scope === null ? null : user.scope.join(SEPARATOR),
    createdAt: iso(user.createdMs),
    disabledAt: isoOrNull(user.disabledMs),
  }
}

function toTokenSummary(token: ApiTokenRecord, login: string): ApiTokenSummary {
  return {
    id: token.id,
    login,
    name: token.name,
    createdAt: iso(token.createdMs),
    expiresAt: isoOrNull(token.expiresMs),
    lastUsedAt: isoOrNull(token.lastUsedMs),
    revokedAt: isoOrNull(token.revokedMs),
  }
}

function toActor(user: StoredUser): Actor {
  return { userId: user.id, login: user.login, role: user.role, scope: user.scope }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new AppError(
      'invalid_argument',
      `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters (a passphrase is best).`,
    )
  }
}

/**
 * Adds a user with a role, optionally limited to an organisation subtree (an existing organisation).
 * @example await createUser(deps, { login: 'alice', displayName: 'Alice', role: 'contributor', organisation: 'CPAM Rhône', password: '…', nowMs })
 */
export async function createUser(
  deps: Deps,
  input: {
    login: string
    displayName: string | null
    role: Role
    organisation: string | null
    password: string | null
    nowMs: number
  },
): Promise<UserSummary> {
  requirePermission(deps, 'manage-users')
  if (!LOGIN_PATTERN.test(input.login)) {
    throw new AppError('invalid_argument', 'A login has 1 to 64 letters, digits, ".", "_", "@" or "-".')
  }
  if (input.organisation !== null && WHOLE_TREE_ROLES.includes(input.role)) {
    throw new AppError('invalid_argument', `An ${input.role} acts on the whole tree: give no organisation.`)
  }
  if (input.password !== null) checkPassword(input.password)
  if (await deps.access.findUserByLogin(input.login)) {
    throw new AppError('conflict', `A user "${input.login}" already exists.`)
  }
  const scope = input.organisation === null ? null : await resolveOrganisation(deps.store, input.organisation)
  const user = await deps.access.addUser({
    login: input.login,
    displayName: input.displayName ?? input.login,
    passwordHash: input.password === null ? null : await deps.secrets.hashPassword(input.password),
    role: input.role,
    scope,
    createdMs: input.nowMs,
    disabledMs: null,
  })
  await recordAudit(deps, {
    atMs: input.nowMs,
    action: 'user.create',
    target: user.login,
    organisation: scope === null ? null : scope.join(SEPARATOR),
    details: { role: user.role },
  })
  return toUserSummary(user)
}

/** Every user of the workspace, oldest first. */
export async function listUsers(deps: Deps): Promise<{ items: UserSummary[] }> {
  requirePermission(deps, 'manage-users')
  return { items: (await deps.access.listUsers()).map(toUserSummary) }
}

async function findUser(deps: Deps, login: string): Promise<StoredUser> {
  const user = await deps.access.findUserByLogin(login)
  if (!user) throw new AppError('not_found', `No user "${login}".`)
  return user
}

/** Disables a user: their sessions end and their tokens are revoked. */
export async function disableUser(deps: Deps, input: { login: string; nowMs: number }): Promise<UserSummary> {
  requirePermission(deps, 'manage-users')
  const user = await findUser(deps, input.login)
  if (deps.actor?.userId === user.id) throw new AppError('invalid_argument', 'You cannot disable yourself.')
  if (user.disabledMs === null) {
    await deps.access.disableUser(user.id, input.nowMs)
    await recordAudit(deps, {
      atMs: input.nowMs,
      action: 'user.disable',
      target: user.login,
      organisation: null,
      details: {},
    })
  }
  return toUserSummary((await deps.access.findUserById(user.id))!)
}

/**
 * Creates an API token for a user (an administrator for anyone, anyone for themselves). The token is in the
 * answer once; only its SHA-256 digest is stored.
 */
export async function createApiToken(
  deps: Deps,
  input: { login: string | null; name: string; expiresDays: number | null; nowMs: number },
): Promise<ApiTokenSummary & { token: string }> {
  const login = input.login ?? deps.actor?.login
  if (login === undefined) throw new AppError('invalid_argument', 'Name the user the token is for.')
  if (deps.actor === undefined || deps.actor.login.toLowerCase() !== login.toLowerCase()) {
    requirePermission(deps, 'manage-users')
  }
  const user = await findUser(deps, login)
  if (user.disabledMs !== null) throw new AppError('invalid_argument', `User "${user.login}" is disabled.`)
  const token = deps.secrets.newToken()
  const record = await deps.access.addApiToken({
    tokenHash: deps.secrets.digest(token),
    userId: user.id,
    name: input.name,
    createdMs: input.nowMs,
    expiresMs: input.expiresDays === null ? null : input.nowMs + input.expiresDays * DAY_MS,
  })
  await recordAudit(deps, {
    atMs: input.nowMs,
    action: 'token.create',
    target: user.login,
    organisation: null,
    details: { tokenId: record.id, name: record.name, expiresAt: isoOrNull(record.expiresMs) },
  })
  return { ...toTokenSummary(record, user.login), token }
}

/** The API tokens of the actor (every token for an administrator), never the tokens themselves. */
export async function listApiTokens(deps: Deps): Promise<{ items: ApiTokenSummary[] }> {
  const isManager = deps.actor === undefined || deps.actor.role === 'administrator'
  const tokens = await deps.access.listApiTokens(isManager ? null : deps.actor!.userId)
  const logins = new Map((await deps.access.listUsers()).map((user) => [user.id, user.login]))
  return { items: tokens.map((token) => toTokenSummary(token, logins.get(token.userId) ?? '?')) }
}

/** Revokes an API token (its holder's own, or any for an administrator). */
export async function revokeApiToken(
  deps: Deps,
  input: { id: number; nowMs: number },
): Promise<ApiTokenSummary> {
  const tokens = await deps.access.listApiTokens(null)
  const token = tokens.find((candidate) => candidate.id === input.id)
  // Someone else's token is "not found" to a non-administrator: token ids do not leak.
  if (
    !token ||
    (deps.actor !== undefined && deps.actor.userId !== token.userId && deps.actor.role !== 'administrator')
  ) {
    throw new AppError('not_found', `No API token ${input.id}.`)
  }
  await deps.access.revokeApiToken(token.id, input.nowMs)
  const user = await deps.access.findUserById(token.userId)
  await recordAudit(deps, {
    atMs: input.nowMs,
    action: 'token.revoke',
    target: user?.login ?? null,
    organisation: null,
    details: { tokenId: token.id, name: token.name },
  })
  return toTokenSummary({ ...token, revokedMs: token.revokedMs ?? input.nowMs }, user?.login ?? '?')
}

export type SignedIn = {
  /** Goes in the httpOnly cookie; never shown to scripts. */
  sessionToken: string
  /** Sent back in the X-CSRF-Token header of every unsafe request. */
  csrfToken: string
  expiresAt: string
  expiresMs: number
  user: UserSummary
}

/**
 * Signs a user in with their password. After 5 failures in 15 minutes for the login or for the client
 * address, attempts are refused (429) until the oldest failure leaves the window, even with the right password.
 */
export async function signIn(
  deps: Deps,
  input: { login: string; password: string; address: string; nowMs: number },
): Promise<SignedIn> {
  const failures = await deps.access.loginFailures(
    input.login,
    input.address,
    input.nowMs - LOGIN_THROTTLE.windowMs,
  )
  for (const times of [failures.byLogin, failures.byAddress]) {
    const decision = decideLoginAttempt(times, input.nowMs)
    if (!decision.isAllowed) {
      throw new AppError(
        'too_many_requests',
        `Too many failed sign-ins; try again in ${decision.retryAfterSeconds} s.`,
        { retryAfterSeconds: decision.retryAfterSeconds },
      )
    }
  }
  const user = await deps.access.findUserByLogin(input.login)
  const isValid = await deps.secrets.verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH)
  if (!user || !isValid || user.passwordHash === null || user.disabledMs !== null) {
    await deps.access.addLoginFailure(input.login, input.address, input.nowMs)
    await deps.access.addAuditEvent({
      atMs: input.nowMs,
      actor: input.login.slice(0, 64),
      action: 'session.refused',
      target: null,
      organisation: null,
      details: { address: input.address },
    })
    throw new AppError('unauthenticated', 'Wrong login or password.')
  }
  await deps.access.clearLoginFailures(input.login)
  await deps.access.deleteExpiredSessions(input.nowMs)
  const sessionToken = deps.secrets.newToken()
  const csrfToken = deps.secrets.newToken()
  const expiresMs = input.nowMs + SESSION_HOURS * HOUR_MS
  await deps.access.addSession({
    tokenHash: deps.secrets.digest(sessionToken),
    userId: user.id,
    csrfHash: deps.secrets.digest(csrfToken),
    createdMs: input.nowMs,
    expiresMs,
  })
  await deps.access.addAuditEvent({
    atMs: input.nowMs,
    actor: user.login,
    action: 'session.create',
    target: user.login,
    organisation: null,
    details: { address: input.address },
  })
  return { sessionToken, csrfToken, expiresMs, expiresAt: iso(expiresMs), user: toUserSummary(user) }
}

/** Ends a session (nothing happens for an unknown one). */
export async function signOut(deps: Deps, input: { sessionToken: string }): Promise<void> {
  await deps.access.deleteSession(deps.secrets.digest(input.sessionToken))
}

/** Who a request acts as, and through what. */
export type Authenticated =
  { actor: Actor; via: 'session'; session: SessionRecord } | { actor: Actor; via: 'token' }

/** Identifies the holder of a session cookie or a bearer token; 401 when expired, revoked, unknown or disabled. */
export async function authenticate(
  deps: Deps,
  input: { sessionToken: string | null; bearerToken: string | null; nowMs: number },
): Promise<Authenticated> {
  if (input.bearerToken !== null) {
    const token = await deps.access.findApiToken(deps.secrets.digest(input.bearerToken))
    if (!token || token.revokedMs !== null)
      throw new AppError('unauthenticated', 'Unknown or revoked API token.')
    if (token.expiresMs !== null && token.expiresMs <= input.nowMs) {
      throw new AppError('unauthenticated', 'This API token has expired; create another.')
    }
    const user = await deps.access.findUserById(token.userId)
    if (!user || user.disabledMs !== null) throw new AppError('unauthenticated', 'This user is disabled.')
    await deps.access.touchApiToken(token.id, input.nowMs)
    return { actor: toActor(user), via: 'token' }
  }
  if (input.sessionToken !== null) {
    const session = await deps.access.findSession(deps.secrets.digest(input.sessionToken))
    if (!session) throw new AppError('unauthenticated', 'Your session has ended; sign in again.')
    if (session.expiresMs <= input.nowMs) {
      await deps.access.deleteSession(session.tokenHash)
      throw new AppError('unauthenticated', 'Your session has expired; sign in again.')
    }
    const user = await deps.access.findUserById(session.userId)
    if (!user || user.disabledMs !== null) throw new AppError('unauthenticated', 'This user is disabled.')
    return { actor: toActor(user), via: 'session', session }
  }
  throw new AppError(
    'unauthenticated',
    'Sign in (POST /api/session) or send an API token (Authorization: Bearer …).',
  )
}

/** True when `csrfToken` is the one given to the session at sign-in. */
export function isCsrfTokenValid(deps: Deps, session: SessionRecord, csrfToken: string | null): boolean {
  return csrfToken !== null && csrfToken.length > 0 && deps.secrets.digest(csrfToken) === session.csrfHash
}

/** The signed-in user, as GET /api/session answers. */
export async function currentUser(deps: Deps): Promise<UserSummary & { permissions: string[] }> {
  const actor = deps.actor
  if (actor === undefined) throw new AppError('unauthenticated', 'Not signed in.')
  const user = await findUser(deps, actor.login)
  return { ...toUserSummary(user), permissions: [...ROLE_PERMISSIONS[user.role]] }
}

/** The audit log, most recent first (administrators). */
export async function listAuditEvents(
  deps: Deps,
  input: { limit: number; offset: number; action: string | null },
) {
  requirePermission(deps, 'read-audit')
  const page = await deps.access.listAuditEvents(input)
  return {
    items: page.items.map((event) => ({
      id: event.id,
      at: iso(event.atMs),
      actor: event.actor,
      action: event.action,
      target: event.target,
      organisation: event.organisation,
      details: event.details,
    })),
    total: page.total,
    limit: input.limit,
    offset: input.offset,
  }
}
