import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsyncLocalStorage } from 'node:async_hooks'
import { Hono, type Context } from 'hono'
import { OPERATIONS, type OperationId, type OperationInput, type OperationOutput } from '../app/operations.js'
import type { Deps } from '../app/ports.js'
import { API_ROUTES, honoPath, type ApiRoute } from './api-routes.js'
import { buildOpenApiDocument } from './build-openapi-document.js'
import { createAccessGuard, requestDeps, type ActorContext } from './access-guard.js'
import { ACCESS_ROUTES, registerAccessRoutes } from './access-routes.js'
import { RequestError, toErrorAnswer, type ErrorLogger } from './errors.js'
import { receiveUpload } from './receive-upload.js'
import { importUploadedReferential } from './referential-upload.js'
import { renderDocsPage } from './render-docs-page.js'
import { renderOrganisationReport } from './render-organisation-report.js'
import { createSerialQueue } from './serial-queue.js'
import { createStaticFiles } from './serve-static-files.js'
import { readParameters, validateOperationInput } from './validate-input.js'

// The same map, typed so that an operation id selects its input and output types.
const operations: {
  [Id in OperationId]: (deps: Deps, input: OperationInput<Id>) => Promise<OperationOutput<Id>>
} = OPERATIONS

/** Uploads above this size are refused with 413 unless the server is given another limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024

export type HttpAppOptions = {
  /** The built dashboard (e.g. dist/web), served for every path outside /api. */
  staticDirectory?: string
  maxUploadBytes?: number
  /** Where uploads are streamed before import (under the workspace); the system temp folder by default. */
  uploadDirectory?: string
  /** Receives unexpected errors, once each; `console.error` by default. */
  logger?: ErrorLogger
  /** Milliseconds since 1970, for the default campaign of a first import (last year). */
  now?: () => number
}

/**
 * The HTTP API (and the dashboard's files): every operation of OPERATIONS under /api, validated with its
 * input schema, errors mapped by `STATUS_BY_CODE`, described at /api/openapi.json and /api/docs.
 * @example const app = createHttpApp(deps, { staticDirectory: 'dist/web' }); await app.request('/api/health')
 */
export function createHttpApp(deps: Deps, options: HttpAppOptions = {}): Hono {
  const app = new Hono()
  const logger = options.logger ?? ((message: string, error: unknown) => console.error(message, error))
  const now = options.now ?? Date.now
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
  const uploadDirectory = options.uploadDirectory ?? join(tmpdir(), 'empreinte-uploads')
  const queue = createSerialQueue()
  const document = buildOpenApiDocument([...API_ROUTES, ...ACCESS_ROUTES])
  const docsPage = renderDocsPage(document)
  const staticFiles =
    options.staticDirectory === undefined ? null : createStaticFiles(options.staticDirectory)

  const run = <Id extends OperationId>(id: Id, input: OperationInput<Id>): Promise<OperationOutput<Id>> =>
    queue.run(() => operations[id](requestDeps(deps, actors), input))

  // Every /api route passes the access guard first (docs/access-control.md); handlers act as its actor.
  const actors: ActorContext = new AsyncLocalStorage()
  app.use('/api/*', createAccessGuard(deps, { queue, actors, now }))

  const ownHandlers: Record<string, (c: Context, route: ApiRoute) => Promise<Response> | Response> = {
    'health.get': (c) => c.json({ status: 'ok', engine: deps.store.engine }),
    'openapi.get': (c) => c.json(document),
    'docs.get': (c) =>
      c.html(docsPage, 200, {
        // The page is self-contained: forbid every external resource and every script.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      }),
    'table.export': async (c, route) => {
      const exported = await run('table.export', readOperationInput(c, route, 'table.export'))
      return c.body(exported.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': exported.contentType,
        'content-disposition': `attachment; filename="${exported.fileName}"`,
        'x-content-type-options': 'nosniff',
      })
    },
    'organisation.report': async (c, route) => {
      const report = await run('organisation.report', readOperationInput(c, route, 'organisation.report'))
      return c.html(renderOrganisationReport(report), 200, {
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      })
    },
    'inventory.import': async (c, route) => {
      const upload = await receiveUpload(c.req.raw, {
        directory: uploadDirectory,
        maxBytes: maxUploadBytes,
        fileField: 'file',
      })
      try {
        const { input, issues } = readParameters(route.parameters, upload.fields)
        for (const name of upload.unexpected) {
          issues.push({
            path: name,
            message: 'Unexpected file; send the files to import in the "file" field',
          })
        }
        input['files'] = upload.files
        input['defaultCampaignYear'] = new Date(now()).getUTCFullYear() - 1
        const valid = validateOperationInput('inventory.import', input, route.parameters, issues)
        return c.json(await run('inventory.import', valid), 201)
      } finally {
        await upload.remove()
      }
    },
    'referential.import': (c, route) =>
      importUploadedReferential(c, route, {
        directory: uploadDirectory,
        maxBytes: maxUploadBytes,
        run: (input) => run('referential.import', input),
      }),
  }

  const operationHandler = (route: ApiRoute, id: OperationId) => async (c: Context) =>
    c.json(
      await run(id, readOperationInput(c, route, id, await readJsonBody(c, route))),
      route.response.status,
    )

  for (const route of API_ROUTES) {
    const own = ownHandlers[route.operationId]
    const handler = own
      ? (c: Context) => own(c, route)
      : route.operation !== null
        ? operationHandler(route, route.operation)
        : null
    if (handler === null) throw new Error(`No handler for route ${route.operationId}`)
    app.on(route.method, honoPath(route.path), handler)
  }
  registerAccessRoutes(app, { deps, depsOf: () => requestDeps(deps, actors), run: queue.run, now })

  app.all('*', async (c) => {
    const path = c.req.path
    if (path === '/api' || path.startsWith('/api/')) throw routeNotFound(c)
    if (staticFiles === null || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) throw routeNotFound(c)
    return staticFiles({ url: c.req.url, method: c.req.method, accept: c.req.header('accept') })
  })

  app.onError((error, c) => {
    const { status, body } = toErrorAnswer(error, logger)
    if (error instanceof RequestError && error.code === 'method_not_allowed') {
      c.header('allow', allowedMethods(c.req.path).join(', '))
    }
    return c.json(body, status)
  })
  return app
}

/** The validated input of operation `id` from the request's query and path parameters. */
function readOperationInput<Id extends OperationId>(
  c: Context,
  route: ApiRoute,
  id: Id,
  body?: { field: string; value: unknown },
): OperationInput<Id> {
  const values = new Map<string, string[]>(Object.entries(c.req.queries()))
  for (const parameter of route.parameters) {
    if (parameter.in === 'path') values.set(parameter.name, [c.req.param(parameter.name) ?? ''])
  }
  const { input, issues } = readParameters(route.parameters, values)
  if (body !== undefined) input[body.field] = body.value
  return validateOperationInput(id, input, route.parameters, issues)
}

/** The JSON body of a route that declares an `in: 'body'` parameter (undefined for the others). */
async function readJsonBody(
  c: Context,
  route: ApiRoute,
): Promise<{ field: string; value: unknown } | undefined> {
  const parameter = route.parameters.find((candidate) => candidate.in === 'body')
  if (parameter === undefined) return undefined
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new RequestError('unsupported_media_type', 'Send the body as application/json.')
  }
  try {
    return { field: parameter.field, value: (await c.req.json()) as unknown }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new RequestError('invalid_request', `The body is not valid JSON: ${reason}`, [
      { path: parameter.name, message: 'Not valid JSON' },
    ])
  }
}

function routeNotFound(c: Context): RequestError {
  const allowed = allowedMethods(c.req.path)
  if (allowed.length > 0) {
    return new RequestError(
      'method_not_allowed',
      `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}.`,
    )
  }
  return new RequestError('route_not_found', `No route ${c.req.method} ${c.req.path}; see /api/docs.`)
}

function allowedMethods(path: string): string[] {
  return API_ROUTES.filter((route) =>
    new RegExp(`^${honoPath(route.path).replace(/:[^/]+/g, '[^/]+')}$`).test(path),
  ).map((route) => route.method)
}
