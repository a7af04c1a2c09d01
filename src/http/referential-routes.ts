/**
 * The API routes of referential versions and of virtual equipment (docs/referentials.md): the same use cases as
 * `empreinte referential list|import|use|diff`, `footprint --by application` and `explain --vm|--application`,
 * spliced into the route table of api-routes.ts. Their access rules are declared in route-access.ts.
 */
import type { ApiRoute, RouteParameter } from './api-routes.js'
import {
  applicationExplanationResponse,
  applicationFootprintResponse,
  referentialDiffResponse,
  referentialImportResponse,
  referentialListResponse,
  referentialUseResponse,
  virtualMachineExplanationResponse,
} from './referential-response-schemas.js'

const campaign: RouteParameter = {
  name: 'campaign',
  in: 'query',
  field: 'campaignYear',
  kind: 'integer',
  description: 'Campaign year; the latest campaign when absent.',
}

export const REFERENTIAL_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/referentials',
    operationId: 'referential.list',
    operation: 'referential.list',
    summary:
      'The built-in default referential and every imported NumEcoEval / G4IT version, with their table counts and ' +
      'the campaigns pinned to each (same as `empreinte referential list --json`).',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: referentialListResponse },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/referentials',
    operationId: 'referential.import',
    operation: 'referential.import',
    summary:
      'Upload and import referential files (multipart/form-data: G4IT ref_*.csv or NumEcoEval criterion.csv, ' +
      'itemImpact.csv…) as NAME@VERSION, all or nothing; same answer as `empreinte referential import --json`.',
    parameters: [
      {
        name: 'file',
        in: 'form',
        field: 'paths',
        kind: 'file',
        description: 'The referential files (repeat the field, one per table); each is recognised by its header.',
      },
      {
        name: 'format',
        in: 'form',
        field: 'format',
        kind: 'string',
        description: 'g4it or numecoeval (the naming of the files); guessed from the file names when absent.',
      },
      {
        name: 'name',
        in: 'form',
        field: 'name',
        kind: 'string',
        description: 'The referential name (no "@"); the first file\'s name when absent.',
      },
      {
        name: 'version',
        in: 'form',
        field: 'version',
        kind: 'string',
        description: 'The version; the next number for this name when absent. Versions never change once imported.',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: referentialImportResponse },
    errors: [400, 409, 413, 415, 422],
  },
  {
    method: 'GET',
    path: '/api/referentials/diff',
    operationId: 'referential.diff',
    operation: 'referential.diff',
    summary:
      'The factors that differ between two referentials and, for a campaign, its footprint recomputed in memory ' +
      'under each (totals per criterion, change per category, phase and criterion; nothing stored).',
    parameters: [
      {
        name: 'from',
        in: 'query',
        field: 'before',
        kind: 'string',
        description: 'The referential compared from: NAME@VERSION, NAME (its latest version) or `default`.',
      },
      {
        name: 'to',
        in: 'query',
        field: 'after',
        kind: 'string',
        description: 'The referential compared to, named the same way.',
      },
      campaign,
    ],
    response: { status: 200, contentType: 'application/json', schema: referentialDiffResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/referentials/{version}/use',
    operationId: 'referential.use',
    operation: 'referential.use',
    summary:
      'Pin a campaign to a referential: its next computation uses it (recorded in the audit log). A closed campaign ' +
      'is refused (409): restate it instead (`empreinte campaign restate --referential`).',
    parameters: [
      {
        name: 'version',
        in: 'path',
        field: 'referential',
        kind: 'string',
        description: 'NAME@VERSION (URL-encoded), NAME for its latest version, or `default` for the built-in one.',
      },
      campaign,
    ],
    response: { status: 200, contentType: 'application/json', schema: referentialUseResponse },
    errors: [400, 404, 409],
  },
  {
    method: 'GET',
    path: '/api/footprint/applications',
    operationId: 'application.footprint',
    operation: 'application.footprint',
    summary:
      "Footprint of the applications (NumEcoEval records) as shares of their VMs' hosts, by application, domain or " +
      "sub-domain: views of the datacenters total, never additions (same as `empreinte footprint --by application`).",
    parameters: [
      campaign,
      {
        name: 'by',
        in: 'query',
        field: 'by',
        kind: 'list',
        description: 'Comma-separated: application (default), application-domain, application-sub-domain.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: applicationFootprintResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/virtual-equipment/{name}/explanation',
    operationId: 'virtual-machine.explain',
    operation: 'virtual-machine.explain',
    summary:
      "The trace behind a VM's figures: its host, the allocation rule and where its share came from, the figures " +
      'per criterion and phase (same as `empreinte explain --vm NAME --json`).',
    parameters: [
      {
        name: 'name',
        in: 'path',
        field: 'name',
        kind: 'string',
        description: 'The VM name (exact, else case-insensitive), URL-encoded.',
      },
      campaign,
    ],
    response: { status: 200, contentType: 'application/json', schema: virtualMachineExplanationResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/applications/{name}/explanation',
    operationId: 'application.explain',
    operation: 'application.explain',
    summary:
      "The trace behind an application's figures: each VM it runs on, the VM's share of its host and the split " +
      'among the applications of the VM (same as `empreinte explain --application NAME --json`).',
    parameters: [
      {
        name: 'name',
        in: 'path',
        field: 'name',
        kind: 'string',
        description: 'The application name (exact, else case-insensitive), URL-encoded.',
      },
      campaign,
    ],
    response: { status: 200, contentType: 'application/json', schema: applicationExplanationResponse },
    errors: [400, 404],
  },
]
