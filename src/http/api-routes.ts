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
  importQuarantineResponse,
  importResponse,
  openApiResponse,
  organisationListResponse,
  qualityResponse,
  reconciliationResponse,
  mappingProposalsResponse,
  mappingRuleResponse,
  scenarioResponse,
  trajectoryResponse,
} from './response-schemas.js'
import {
  campaignBoardResponse,
  campaignCloseResponse,
  campaignRestateResponse,
  campaignOpenResponse,
  campaignReviewResponse,
} from './campaign-response-schemas.js'
import { serviceEstimateResponse } from './service-response-schemas.js'
import { PROJECT_ROUTES } from './project-routes.js'
import { PLAN_ROUTES } from './plan-routes.js'
import { REFERENTIAL_ROUTES } from './referential-routes.js'
import { ELECTRICITY_ROUTES } from './electricity-routes.js'
import { DIFF_ROUTES } from './diff-routes.js'

/** One input field of a route: its public name, where it is sent, and the operation input it fills. */
export type RouteParameter = {
  name: string
  /** `body`: the whole JSON request body fills `field` (kind `json`). */
  in: 'query' | 'path' | 'form' | 'body'
  /** Field of the operation's input schema; its schema documents and validates the parameter. */
  field: string
  /**
   * How the text is read: an integer, plain text, a comma-separated list, a parameter repeated once per value
   * (values that hold commas, e.g. levers), or an uploaded file (form only).
   */
  kind: 'integer' | 'string' | 'list' | 'repeated' | 'file' | 'json'
  description: string
}

export type ApiRoute = {
  method: 'GET' | 'POST' | 'DELETE'
  /** OpenAPI path template, e.g. `/api/assets/{key}/explanation`. */
  path: string
  operationId: string
  /** The operation of OPERATIONS this route runs; null for the API's own routes (health, description). */
  operation: OperationId | null
  summary: string
  parameters: RouteParameter[]
  response: {
    status: 200 | 201
    /** `text/csv` stands for a download (CSV or XLSX, as the `format` parameter asks). */
    contentType: 'application/json' | 'text/html' | 'text/csv'
    schema: z.ZodType | null
  }
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
        description:
          'Comma-separated dimensions: organisation, domain, category, phase, site, criterion, ghg-scope.',
      },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description:
          'Only this organisation and what is below it: its name or full path ("CNAM > CPAM Rhône").',
      },
      {
        name: 'view',
        in: 'query',
        field: 'view',
        kind: 'string',
        description:
          'Accounting view: annualised (default, embodied over the lifetime) or purchase-year (whole embodied ' +
          'impact of the equipment bought in the campaign year, GHG Protocol scope 3 cat. 2).',
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
    method: 'GET',
    path: '/api/imports/{id}/quarantine',
    operationId: 'imports.quarantine',
    operation: 'imports.quarantine',
    summary:
      'The quarantined lines of one import (cells as read, reasons), one page at a time: what to fix in an ' +
      'uploaded file. An actor limited to a subtree reads only the imports made for it.',
    parameters: [
      {
        name: 'id',
        in: 'path',
        field: 'importId',
        kind: 'integer',
        description: 'The import id (GET /api/imports).',
      },
      campaign,
      limit,
      offset,
    ],
    response: { status: 200, contentType: 'application/json', schema: importQuarantineResponse },
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
    path: '/api/simulation',
    operationId: 'scenario.simulate',
    operation: 'scenario.simulate',
    summary:
      'Simulate levers on the inventory: baseline and scenario in kgCO2e, kWh and euros per year, the effect ' +
      'of each lever and of each organisation (same answer as `empreinte simulate --json`).',
    parameters: [
      campaign,
      {
        name: 'lever',
        in: 'query',
        field: 'levers',
        kind: 'repeated',
        description:
          'A lever, repeated for several: `lifetime-extension:years=2,categories=laptop+desktop`, ' +
          '`power-off:policy=nights-weekends`… (docs/methodology/levers.md).',
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
        field: 'groupDepth',
        kind: 'integer',
        description: 'Depth of the tree at which byGroup sums organisations (default 2).',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: scenarioResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/trajectory',
    operationId: 'trajectory.project',
    operation: 'trajectory.project',
    summary:
      'Year-by-year fleet renewal from the campaign to `to`, baseline against the levers, cumulative tCO2e ' +
      'and euros, with an optional reduction target (same answer as `empreinte trajectory --json`).',
    parameters: [
      campaign,
      {
        name: 'lever',
        in: 'query',
        field: 'levers',
        kind: 'repeated',
        description: 'A lever (lifetime-extension or power-off), repeated for several.',
      },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description: 'Only this organisation and what is below it: its name or full path.',
      },
      { name: 'to', in: 'query', field: 'endYear', kind: 'integer', description: 'Last year projected.' },
      {
        name: 'target',
        in: 'query',
        field: 'targetPercent',
        kind: 'integer',
        description: 'Reduction target in percent of the baseline, reached in the year `to`.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: trajectoryResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/mapping/proposals',
    operationId: 'mapping.propose',
    operation: 'mapping.propose',
    summary:
      'Proposed mapping rules for the models no rule or exact key resolves, ranked by the units they cover, ' +
      "each with the matcher's suggested reference item.",
    parameters: [
      campaign,
      {
        name: 'limit',
        in: 'query',
        field: 'limit',
        kind: 'integer',
        description: 'How many proposals (1 to 1000; default 20).',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: mappingProposalsResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/mapping/rules',
    operationId: 'mapping.set',
    operation: 'mapping.set',
    summary:
      'Save a mapping rule (accept a proposal): model text → reference item and/or category, applied to every ' +
      'later import and footprint.',
    parameters: [
      {
        name: 'pattern',
        in: 'query',
        field: 'pattern',
        kind: 'string',
        description: 'The normalised model text, as a proposal names it.',
      },
      {
        name: 'item',
        in: 'query',
        field: 'referenceItem',
        kind: 'string',
        description: 'Reference item of the referential.',
      },
      { name: 'category', in: 'query', field: 'category', kind: 'string', description: 'Category id.' },
    ],
    response: { status: 200, contentType: 'application/json', schema: mappingRuleResponse },
    errors: [400],
  },
  {
    method: 'GET',
    path: '/api/exports/{table}',
    operationId: 'table.export',
    operation: 'table.export',
    summary:
      'Download a table as CSV (UTF-8, `;`) or XLSX; text that a spreadsheet would run as a formula is ' +
      'prefixed with an apostrophe.',
    parameters: [
      {
        name: 'table',
        in: 'path',
        field: 'table',
        kind: 'string',
        description:
          'footprint, organisations, quality-organisations, quarantine, imports, mapping-proposals or ' +
          'campaign-status (the progress board of a collection campaign).',
      },
      campaign,
      { name: 'format', in: 'query', field: 'format', kind: 'string', description: 'csv (default) or xlsx.' },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description: 'Only this organisation and what is below it (footprint, quality, quarantine).',
      },
    ],
    response: { status: 200, contentType: 'text/csv', schema: null },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/reports/organisations/{organisation}',
    operationId: 'organisation.report',
    operation: 'organisation.report',
    summary:
      'A printable report of one organisation (footprint by domain, phase and category, data quality), as ' +
      'an HTML page; print it to PDF from the browser.',
    parameters: [
      {
        name: 'organisation',
        in: 'path',
        field: 'organisation',
        kind: 'string',
        description: 'The organisation: its name or full path, URL-encoded.',
      },
      campaign,
    ],
    response: { status: 200, contentType: 'text/html', schema: null },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/campaigns',
    operationId: 'campaign.open',
    operation: 'campaign.open',
    summary:
      'Open a collection campaign over an organisation subtree, with the sources expected from each organisation ' +
      'and the referential pinned (same as `empreinte campaign open --json`; headcounts file: CLI only).',
    parameters: [
      { name: 'year', in: 'query', field: 'year', kind: 'integer', description: 'Reporting year.' },
      {
        name: 'perimeter',
        in: 'query',
        field: 'perimeter',
        kind: 'string',
        description: 'The organisation whose subtree the campaign collects from (name or full path).',
      },
      {
        name: 'expect',
        in: 'query',
        field: 'expect',
        kind: 'string',
        description:
          'Comma-separated expected sources: computers, monitors, phones, printers, servers, network, purchases, telemetry.',
      },
      {
        name: 'referential',
        in: 'query',
        field: 'referential',
        kind: 'string',
        description: 'The referential to pin (id@version); must be the one loaded.',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: campaignOpenResponse },
    errors: [400, 404, 409],
  },
  {
    method: 'GET',
    path: '/api/campaigns/{year}/status',
    operationId: 'campaign.status',
    operation: 'campaign.status',
    summary:
      'The progress board of a campaign: every organisation with its status, sources received and expected, ' +
      'quality score and anomalies against the previous campaign (same as `empreinte campaign status --json`).',
    parameters: [
      { name: 'year', in: 'path', field: 'campaignYear', kind: 'integer', description: 'Campaign year.' },
      {
        name: 'filter',
        in: 'query',
        field: 'filter',
        kind: 'string',
        description:
          'missing, anomaly, to-chase, or a status (not-started, collecting, submitted, validated, sent-back).',
      },
      {
        name: 'sort',
        in: 'query',
        field: 'sort',
        kind: 'string',
        description: 'code (default), quality (worst first), status, received, units.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: campaignBoardResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/campaigns/{year}/reviews',
    operationId: 'campaign.review',
    operation: 'campaign.review',
    summary:
      "Validate an organisation's data or send it back with a comment; recorded with the reviewer and in the audit log.",
    parameters: [
      { name: 'year', in: 'path', field: 'campaignYear', kind: 'integer', description: 'Campaign year.' },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description: 'The organisation: its name (code) or full path.',
      },
      {
        name: 'decision',
        in: 'query',
        field: 'decision',
        kind: 'string',
        description: 'validate or send-back.',
      },
      {
        name: 'comment',
        in: 'query',
        field: 'comment',
        kind: 'string',
        description: 'What to fix (required to send back).',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: campaignReviewResponse },
    errors: [400, 404, 409],
  },
  {
    method: 'POST',
    path: '/api/campaigns/{year}/close',
    operationId: 'campaign.close',
    operation: 'campaign.close',
    summary:
      'Close and freeze a campaign: footprint computed with the pinned referential, results frozen per ' +
      'organisation and domain, later imports refused.',
    parameters: [
      { name: 'year', in: 'path', field: 'campaignYear', kind: 'integer', description: 'Campaign year.' },
    ],
    response: { status: 200, contentType: 'application/json', schema: campaignCloseResponse },
    errors: [400, 404, 409],
  },
  {
    method: 'POST',
    path: '/api/campaigns/{year}/restatements',
    operationId: 'campaign.restate',
    operation: 'campaign.restate',
    summary:
      'Restate a closed campaign on another referential version: a new frozen version of its results, the ' +
      'earlier versions kept unchanged (same as `empreinte campaign restate --referential NAME@V`).',
    parameters: [
      { name: 'year', in: 'path', field: 'campaignYear', kind: 'integer', description: 'Campaign year.' },
      {
        name: 'referential',
        in: 'query',
        field: 'referential',
        kind: 'string',
        description:
          'The referential version to restate on: NAME@VERSION (GET /api/referentials lists them).',
      },
      {
        name: 'note',
        in: 'query',
        field: 'note',
        kind: 'string',
        description: 'Why the campaign is restated.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: campaignRestateResponse },
    errors: [400, 404, 409],
  },
  {
    method: 'POST',
    path: '/api/services/estimate',
    operationId: 'service.estimate',
    operation: 'service.estimate',
    summary:
      "Footprint of a digital service's architecture options side by side (JSON body: the service description " +
      'of docs/services.md): per year, per user, per transaction, by tier, phase and criterion, deltas in ' +
      'tCO2e and euros, the best option and why; same answer as `empreinte service estimate FILE --json`.',
    parameters: [
      {
        name: 'body',
        in: 'body',
        field: 'description',
        kind: 'json',
        description: 'The service description: its name, shared fields (users, hosting…), options.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: serviceEstimateResponse },
    errors: [400, 415],
  },
  ...PROJECT_ROUTES,
  ...PLAN_ROUTES,
  ...REFERENTIAL_ROUTES,
  ...ELECTRICITY_ROUTES,
  ...DIFF_ROUTES,
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
