/**
 * The access rule of every /api route (docs/access-control.md): the permission it needs and how the
 * organisation scope applies to it. The guard (access-guard.ts) refuses any route without a rule, and
 * test/access-control.test.ts fails for any registered route missing here: declare each route you add.
 */
import type { Permission } from '../core/access/roles.js'

/** How a route's data relates to the actor's organisation subtree. */
export type ScopeRule =
  /** Public route (no sign-in): health, API description, sign-in itself. */
  | { kind: 'public' }
  /** The organisation named by this parameter must lie in the actor's subtree (404 outside, 403 for a write); absent = the subtree root. */
  | { kind: 'organisation'; in: 'query' | 'path' | 'form' | 'body'; name: string }
  /** The resource named in the path belongs to an organisation; outside the subtree it is answered 404. */
  | { kind: 'resource'; name: string }
  /** The answer lists only what lies in the actor's subtree. */
  | { kind: 'filtered' }
  /** The route acts on the whole workspace: refused (403) to an actor limited to a subtree. */
  | { kind: 'workspace' }
  /** The route concerns the actor's own account (session, own API tokens). */
  | { kind: 'self' }

export type RouteAccess = { permission: Permission | null; scope: ScopeRule }

const publicRoute: RouteAccess = { permission: null, scope: { kind: 'public' } }

/** Key of a route: method and OpenAPI path, e.g. "GET /api/assets/{key}/explanation". */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api${string}`

export const ROUTE_ACCESS: Readonly<Record<RouteKey, RouteAccess>> = {
  'GET /api/health': publicRoute,
  'GET /api/openapi.json': publicRoute,
  'GET /api/docs': publicRoute,
  'POST /api/session': publicRoute,
  'GET /api/session': { permission: 'read', scope: { kind: 'self' } },
  'DELETE /api/session': { permission: 'read', scope: { kind: 'self' } },
  // Collection campaigns (docs/campaigns.md): the board and the decisions concern the whole perimeter.
  'POST /api/campaigns': { permission: 'review-campaigns', scope: { kind: 'workspace' } },
  'GET /api/campaigns/{year}/status': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/campaigns/{year}/reviews': { permission: 'review-campaigns', scope: { kind: 'workspace' } },
  'POST /api/campaigns/{year}/close': { permission: 'review-campaigns', scope: { kind: 'workspace' } },
  'POST /api/campaigns/{year}/restatements': { permission: 'review-campaigns', scope: { kind: 'workspace' } },
  'GET /api/footprint': {
    permission: 'read',
    scope: { kind: 'organisation', in: 'query', name: 'organisation' },
  },
  'GET /api/footprint/diff': {
    permission: 'read',
    scope: { kind: 'organisation', in: 'query', name: 'organisation' },
  },
  'GET /api/quality': {
    permission: 'read',
    scope: { kind: 'organisation', in: 'query', name: 'organisation' },
  },
  'GET /api/assets/{key}/explanation': { permission: 'read', scope: { kind: 'resource', name: 'key' } },
  'GET /api/imports': { permission: 'read', scope: { kind: 'filtered' } },
  // The use case answers 404 for an import not made for the actor's subtree (src/app/import-quarantine.ts).
  'GET /api/imports/{id}/quarantine': { permission: 'read', scope: { kind: 'resource', name: 'id' } },
  'POST /api/imports': {
    permission: 'write',
    scope: { kind: 'organisation', in: 'form', name: 'organisation' },
  },
  'GET /api/organisations': { permission: 'read', scope: { kind: 'filtered' } },
  'POST /api/reconciliation': { permission: 'write', scope: { kind: 'workspace' } },
  // Routes whose use case does not apply the actor's subtree yet are 'workspace' (whole-tree actors only):
  // relax one to 'organisation' or 'filtered' once its use case scopes its data (src/app/access.ts).
  'GET /api/simulation': { permission: 'read', scope: { kind: 'workspace' } },
  'GET /api/trajectory': { permission: 'read', scope: { kind: 'workspace' } },
  'GET /api/mapping/proposals': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/mapping/rules': { permission: 'manage-rules', scope: { kind: 'workspace' } },
  'GET /api/exports/{table}': { permission: 'read', scope: { kind: 'workspace' } },
  'GET /api/reports/organisations/{organisation}': {
    permission: 'read',
    scope: { kind: 'organisation', in: 'path', name: 'organisation' },
  },
  'POST /api/services/estimate': { permission: 'read', scope: { kind: 'workspace' } },
  // IT projects and their RGESN self-assessment (docs/services.md): workspace-wide, not tied to an organisation.
  'GET /api/projects': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/projects': { permission: 'write', scope: { kind: 'workspace' } },
  'GET /api/projects/{name}/gate': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/projects/{name}/estimates': { permission: 'write', scope: { kind: 'workspace' } },
  'POST /api/projects/{name}/phase': { permission: 'write', scope: { kind: 'workspace' } },
  'GET /api/projects/{name}/rgesn': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/projects/{name}/rgesn/answers': { permission: 'write', scope: { kind: 'workspace' } },
  // Saved scenarios, actions and tariffs (docs/scenarios.md, docs/action-plans.md): each lies in the subtree of
  // its perimeter's organisation; lists hold what lies in the actor's subtree, and writes name an organisation of it.
  'GET /api/scenarios': { permission: 'read', scope: { kind: 'filtered' } },
  'POST /api/scenarios': {
    permission: 'write',
    scope: { kind: 'organisation', in: 'body', name: 'organisation' },
  },
  'GET /api/scenarios/comparison': { permission: 'read', scope: { kind: 'filtered' } },
  'DELETE /api/scenarios/{name}': { permission: 'write', scope: { kind: 'resource', name: 'name' } },
  'GET /api/actions': { permission: 'read', scope: { kind: 'filtered' } },
  'POST /api/actions': {
    permission: 'write',
    scope: { kind: 'organisation', in: 'body', name: 'organisation' },
  },
  'GET /api/actions/progress': { permission: 'read', scope: { kind: 'filtered' } },
  'POST /api/actions/{id}': { permission: 'write', scope: { kind: 'resource', name: 'id' } },
  'GET /api/tariffs': { permission: 'read', scope: { kind: 'filtered' } },
  'POST /api/tariffs': {
    permission: 'write',
    scope: { kind: 'organisation', in: 'body', name: 'organisation' },
  },
  // Electricity factor overrides restate every asset below them: read by all, changed by whole-tree rule managers.
  'GET /api/electricity-overrides': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/electricity-overrides': { permission: 'manage-rules', scope: { kind: 'workspace' } },
  'DELETE /api/electricity-overrides/{id}': { permission: 'manage-rules', scope: { kind: 'workspace' } },
  // Referential versions and pins apply to the whole workspace (docs/referentials.md); changing them is managing rules.
  'GET /api/referentials': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/referentials': { permission: 'manage-rules', scope: { kind: 'workspace' } },
  'GET /api/referentials/diff': { permission: 'read', scope: { kind: 'workspace' } },
  'POST /api/referentials/{version}/use': { permission: 'manage-rules', scope: { kind: 'workspace' } },
  // VMs and applications: the use case keeps those of the actor's subtree (src/app/virtual-footprint.ts).
  'GET /api/footprint/applications': { permission: 'read', scope: { kind: 'filtered' } },
  'GET /api/virtual-equipment/{name}/explanation': {
    permission: 'read',
    scope: { kind: 'resource', name: 'name' },
  },
  'GET /api/applications/{name}/explanation': {
    permission: 'read',
    scope: { kind: 'resource', name: 'name' },
  },
  'GET /api/users': { permission: 'manage-users', scope: { kind: 'workspace' } },
  'POST /api/users': { permission: 'manage-users', scope: { kind: 'workspace' } },
  'POST /api/users/{login}/disable': { permission: 'manage-users', scope: { kind: 'workspace' } },
  'GET /api/tokens': { permission: 'read', scope: { kind: 'self' } },
  'POST /api/tokens': { permission: 'read', scope: { kind: 'self' } },
  'DELETE /api/tokens/{id}': { permission: 'read', scope: { kind: 'self' } },
  'GET /api/audit': { permission: 'read-audit', scope: { kind: 'workspace' } },
}

/** The OpenAPI path of a Hono path: `:key` becomes `{key}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

/** The rule of a route, or null when none is declared (the guard then refuses the request). */
export function accessRuleOf(method: string, path: string): RouteAccess | null {
  return (ROUTE_ACCESS as Record<string, RouteAccess>)[`${method.toUpperCase()} ${openApiPath(path)}`] ?? null
}
