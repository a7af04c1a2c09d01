/**
 * How the use cases apply the actor's role and organisation scope (docs/access-control.md), so the CLI and
 * the HTTP API share one rule: no actor = the workspace owner acting locally, with every permission.
 */
import { hasPermission, isInScope, isJoinedPathInScope, type Permission } from '../core/access/roles.js'
import { resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import type { Deps, NewAuditEvent } from './ports.js'

/** Audit name of the workspace owner acting through the CLI. */
export const LOCAL_OWNER = 'local'
const SEPARATOR = ' > '

/** The login audit events name for the current actor. */
export function actorName(deps: Deps): string {
  return deps.actor?.login ?? LOCAL_OWNER
}

/** The organisation subtree the actor may see; null = the whole tree. */
export function actorScope(deps: Deps): readonly string[] | null {
  return deps.actor?.scope ?? null
}

/** Refuses (403) an actor whose role lacks `permission`. */
export function requirePermission(deps: Deps, permission: Permission): void {
  const actor = deps.actor
  if (actor === undefined || hasPermission(actor.role, permission)) return
  throw new AppError('forbidden', `Your role (${actor.role}) does not allow this (needs "${permission}").`)
}

/** Refuses (403) an actor limited to a subtree: the work concerns the whole workspace. */
export function requireWholeTree(deps: Deps, what: string): void {
  const scope = actorScope(deps)
  if (scope === null) return
  throw new AppError(
    'forbidden',
    `${what} concerns the whole workspace; your access is limited to ${scope.join(SEPARATOR)}.`,
  )
}

/** True when the organisation path is within the actor's scope. */
export function isPathVisible(deps: Deps, path: readonly string[]): boolean {
  return isInScope(actorScope(deps), path)
}

/** True when a joined path ("A > B") is within the actor's scope. */
export function isJoinedPathVisible(deps: Deps, joinedPath: string): boolean {
  return isJoinedPathInScope(actorScope(deps), joinedPath, SEPARATOR)
}

/**
 * The organisation a read is limited to: the one named (which must lie within the actor's scope; one outside
 * is answered "not found", as if it did not exist, so names of other organisations do not leak), else the
 * actor's scope root, else null (the whole tree).
 */
export async function resolveReadPerimeter(deps: Deps, text: string | null): Promise<string[] | null> {
  const scope = actorScope(deps)
  if (text === null) return scope === null ? null : [...scope]
  if (scope === null) return resolveOrganisation(deps.store, text)
  const visible = (await deps.store.findOrganisations(text)).filter((path) => isInScope(scope, path))
  if (visible.length === 1) return visible[0]!
  if (visible.length === 0) {
    throw new AppError(
      'not_found',
      `No organisation named "${text}" in your perimeter (${scope.join(SEPARATOR)}).`,
    )
  }
  throw new AppError(
    'invalid_argument',
    `"${text}" names ${visible.length} organisations; give the full path, e.g. "${visible[0]!.join(SEPARATOR)}".`,
  )
}

/**
 * The organisation a write concerns (a saved scenario, an action, a tariff): the one named, which must lie within
 * the actor's scope (one outside is refused, 403: a writer names where the write goes), else the actor's scope
 * root, else null (the whole tree).
 */
export async function resolveWritePerimeter(deps: Deps, text: string | null): Promise<string[] | null> {
  const scope = actorScope(deps)
  if (text === null || scope === null) return resolveReadPerimeter(deps, text)
  const named = await deps.store.findOrganisations(text)
  if (named.length > 0 && !named.some((path) => isInScope(scope, path))) {
    throw new AppError(
      'forbidden',
      `"${text}" is outside your perimeter (${scope.join(SEPARATOR)}): you may only write for it and below.`,
    )
  }
  return resolveReadPerimeter(deps, text)
}

/** Records an audit event for the current actor (time: the store's clock). */
export async function recordAudit(
  deps: Deps,
  event: Omit<NewAuditEvent, 'actor' | 'atMs'> & { atMs?: number },
): Promise<void> {
  await deps.access.addAuditEvent({ ...event, actor: actorName(deps) })
}
