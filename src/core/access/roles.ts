/**
 * Roles and permissions of the workspace's users, as data (docs/access-control.md). A user holds one role
 * and, optionally, an organisation scope: the subtree of the organisation tree the role applies to.
 */

/** What a request may do; each route declares the one it needs (src/http/route-access.ts). */
export const PERMISSIONS = [
  'read',
  'write',
  'manage-rules',
  'review-campaigns',
  'manage-users',
  'read-audit',
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ROLES = ['administrator', 'analyst', 'contributor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/**
 * read: figures, quality, traces, lists within the scope · write: imports, corrections, reconciliation,
 * actions · manage-rules: mapping rules and referentials · review-campaigns: freeze and validate campaigns ·
 * manage-users: users and their tokens · read-audit: the audit log.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: PERMISSIONS,
  analyst: ['read', 'write', 'manage-rules', 'review-campaigns'],
  contributor: ['read', 'write'],
  viewer: ['read'],
}

/** Roles whose permissions reach the whole workspace, so they cannot be limited to a subtree. */
export const WHOLE_TREE_ROLES: readonly Role[] = ['administrator']

/** Who is acting: a signed-in user or token holder. `scope` null = the whole organisation tree. */
export type Actor = {
  userId: number
  login: string
  role: Role
  /** Organisation path from the root ("CNAM", "CPAM Rhône"); null = every organisation. */
  scope: readonly string[] | null
}

/** True when `role` grants `permission`. */
export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/** True when `organisationPath` is the scope's root or below it (any path when the scope is the whole tree). */
export function isInScope(scope: readonly string[] | null, organisationPath: readonly string[]): boolean {
  if (scope === null) return true
  if (organisationPath.length < scope.length) return false
  return scope.every((name, index) => organisationPath[index] === name)
}

/** `isInScope` for a path joined with `separator` ("CNAM > CPAM Rhône"). */
export function isJoinedPathInScope(
  scope: readonly string[] | null,
  joinedPath: string,
  separator: string,
): boolean {
  if (scope === null) return true
  const root = scope.join(separator)
  return joinedPath === root || joinedPath.startsWith(root + separator)
}

/** Parses a role name, or null when it is not one. */
export function parseRole(text: string): Role | null {
  return (ROLES as readonly string[]).includes(text) ? (text as Role) : null
}
