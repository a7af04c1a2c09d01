/**
 * The route table of the API: each route names the operation it runs, where each input field comes from
 * (query, path or form field, under its public name), and what it answers. `createHttpApp` registers the
 * routes from it and `buildOpenApiDocument` describes them from it, so the two cannot disagree.
 */
import type { z } from 'zod'
import type { OperationId } from '../app/operations.js'
import {
  explanationResponse,
  footprintResponse,
  healthResponse,
  importListResponse,
  importResponse,
  openApiResponse,
  organisationListResponse,
  qualityResponse,
  reconciliationResponse,
} from './response-schemas.js'

/** One input field of a route: its public name, where it is sent, and the operation input it fills. */
export type RouteParameter = {
  name: string
  in: 'query' | 'path' | 'form'
  /** Field of the operation's input schema; its schema documents and validates the parameter. */
  field: string
  /** How the text is read: an integer, plain text, a comma-separated list, or an uploaded file (form only). */
  kind: 'integer' | 'string' | 'list' | 'file'
  description: string
}

export type ApiRoute = {
  method: 'GET' | 'POST'
  /** OpenAPI path template, e.g. `/api/assets/{key}/explanation`. */
  path: string
  operationId: string
  /** The operation of OPERATIONS this route runs; null for the API's own routes (health, description). */
  operation: OperationId | null
  summary: string
  parameters: RouteParameter[]
  response: { status: 200 | 201; contentType: 'application/json' | 'text/html'; schema: z.ZodType | null }
  /** Error statuses the route may answer, besides 500. */
  errors: number[]
}

const campaign: RouteParameter = {
  name: 'campaign',
  in: 'query',
  field: 'campaignYear',
  kind: 'integer',
  description: 'Campaign year; the latest campaign when absent.',
}
const limit: RouteParameter = {
  name: 'limit',
  in: 'query',
  field: 'limit',
  kind: 'integer',
  description: 'Page size (1 to 1000).',
}
const offset: RouteParameter = {
  name: 'offset',
  in: 'query',
  field: 'offset',
  kind: 'integer',
  description: 'Number of items skipped before the page.',
}

/** Every route under /api, in the order the documentation lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/health',
    operationId: 'health.get',
    operation: null,
    summary: 'Liveness: the server answers and names its storage engine.',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: healthResponse },
    errors: [],
  },
  {
    method: 'GET',
    path: '/api/footprint',
    operationId: 'footprint.get',
    operation: 'footprint.get',
    summary: 'Annual footprint of a campaign, broken down by the dimensions asked.',
    parameters: [
      campaign,
      {
        name: 'by',
        in: 'query',
        field: 'by',
        kind: 'list',
        description: 'Comma-separated dimensions: organisation, domain, category, phase, site, criterion.',
      },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description:
          'Only this organisation and what is below it: its name or full path ("CNAM > CPAM Rhône").',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: footprintResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/quality',
    operationId: 'quality.report',
    operation: 'quality.report',
    summary:
      'Data-quality report: per source and per organisation (completeness and imputed values per field, ' +
      'duplicates, outliers, share matched to a model, score), outlier listing, sample of quarantined rows.',
    parameters: [
      campaign,
      {
        name: 'sample',
        in: 'query',
        field: 'sample',
        kind: 'integer',
        description: 'How many quarantined rows to include (0 to 10000).',
      },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description: 'Only this organisation and what is below it: its name or full path.',
      },
      {
        name: 'depth',
        in: 'query',
        field: 'depth',
        kind: 'integer',
        description:
          'Roll organisations up to this depth of the tree (1 = the roots); absent = each organisation.',
      },
      {
        name: 'outliers',
        in: 'query',
        field: 'outlierLimit',
        kind: 'integer',
        description: 'How many flagged values to list in outliers.items (0 to 10000).',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: qualityResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/assets/{key}/explanation',
    operationId: 'asset.explain',
    operation: 'asset.explain',
    summary: "The trace behind one asset's figures: inputs, factors with their sources, defaults, formulas.",
    parameters: [
      {
        name: 'key',
        in: 'path',
        field: 'asset',
        kind: 'string',
        description: 'Asset id, serial number or host name.',
      },
      campaign,
    ],
    response: { status: 200, contentType: 'application/json', schema: explanationResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/imports',
    operationId: 'imports.list',
    operation: 'imports.list',
    summary: 'The files imported into a campaign, oldest first, one page at a time.',
    parameters: [campaign, limit, offset],
    response: { status: 200, contentType: 'application/json', schema: importListResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/imports',
    operationId: 'inventory.import',
    operation: 'inventory.import',
    summary:
      'Upload and import inventory or telemetry files (multipart/form-data); same answer as `empreinte import --json`.',
    parameters: [
      {
        name: 'file',
        in: 'form',
        field: 'files',
        kind: 'file',
        description:
          'The file(s) to import (repeat the field for several files). Only the base name is kept.',
      },
      {
        name: 'format',
        in: 'form',
        field: 'format',
        kind: 'string',
        description: 'The file format; `auto` detects it from the header.',
      },
      {
        name: 'organisation',
        in: 'form',
        field: 'organisation',
        kind: 'string',
        description: 'Organisation for rows that name none: an existing name or path, or a new path "A > B".',
      },
      {
        name: 'campaign',
        in: 'form',
        field: 'campaignYear',
        kind: 'integer',
        description: 'Campaign year; the latest campaign when absent, else last year.',
      },
      {
        name: 'category',
        in: 'form',
        field: 'category',
        kind: 'string',
        description: 'Category of rows that name none (e.g. monitor for a file of screens).',
      },
      {
        name: 'usageDurationUnit',
        in: 'form',
        field: 'usageDurationUnit',
        kind: 'string',
        description:
          'Unit of NumEcoEval `dureeUsageInterne/Amont/Aval`: years, months or days (recorded, reused by later imports of the format).',
      },
      {
        name: 'loadUnit',
        in: 'form',
        field: 'loadUnit',
        kind: 'string',
        description:
          'Unit of G4IT `chargeMoy`: percent or fraction (recorded, reused by later imports of the format).',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: importResponse },
    errors: [400, 404, 413, 415, 422],
  },
  {
    method: 'GET',
    path: '/api/organisations',
    operationId: 'organisations.list',
    operation: 'organisations.list',
    summary: 'The organisation tree of a campaign, depth-first (parents first), one page at a time.',
    parameters: [campaign, limit, offset],
    response: { status: 200, contentType: 'application/json', schema: organisationListResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/reconciliation',
    operationId: 'reconciliation.run',
    operation: 'reconciliation.run',
    summary:
      'Reconcile the sources of a campaign now: the same device in several imports (serial number, then host ' +
      'name) becomes one asset, each field from its most trusted source; answers the counts and the first conflicts.',
    parameters: [
      campaign,
      {
        name: 'conflicts',
        in: 'query',
        field: 'conflictLimit',
        kind: 'integer',
        description: 'How many conflicts to list in conflictList (0 to 10000; default 0).',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: reconciliationResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    operationId: 'openapi.get',
    operation: null,
    summary: 'This API description (OpenAPI 3.1).',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: openApiResponse },
    errors: [],
  },
  {
    method: 'GET',
    path: '/api/docs',
    operationId: 'docs.get',
    operation: null,
    summary: 'A readable page listing the operations of this API.',
    parameters: [],
    response: { status: 200, contentType: 'text/html', schema: null },
    errors: [],
  },
]

/** The Hono path of an OpenAPI path template: `{key}` becomes `:key`. */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1')
}
