/**
 * The API routes of saved scenarios, action plans and electricity tariffs (docs/scenarios.md,
 * docs/action-plans.md), spliced into the route table of api-routes.ts; the same use cases as
 * `empreinte scenario|action|tariff`. Their access rules are declared in route-access.ts.
 */
import type { ApiRoute } from './api-routes.js'
import {
  actionListResponse,
  actionProgressResponse,
  actionResponse,
  scenarioComparisonResponse,
  scenarioListResponse,
  scenarioRemoveResponse,
  scenarioSaveResponse,
  tariffListResponse,
  tariffResponse,
} from './plan-response-schemas.js'

export const PLAN_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/scenarios',
    operationId: 'scenario.list',
    operation: 'scenario.list',
    summary: 'The saved scenarios within your perimeter, by name (same as `empreinte scenario list --json`).',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: scenarioListResponse },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/scenarios',
    operationId: 'scenario.save',
    operation: 'scenario.save',
    summary:
      'Save a named scenario (levers and perimeter); saving a name again replaces it. Without an organisation the ' +
      'perimeter is your subtree (the whole tree for a whole-tree user).',
    parameters: [
      {
        name: 'body',
        in: 'body',
        field: 'scenario',
        kind: 'json',
        description:
          '{ "name", "levers": ["lifetime-extension:years=2,categories=laptop", …], "organisation": name or path ' +
          'or null, "categories": [], "sites": [], "description": text or null }',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: scenarioSaveResponse },
    errors: [400, 404, 409, 415],
  },
  {
    method: 'GET',
    path: '/api/scenarios/comparison',
    operationId: 'scenario.compare',
    operation: 'scenario.compare',
    summary:
      'Evaluate saved scenarios on one campaign and rank them side by side: tCO2e saved per year, then € saved ' +
      '(same as `empreinte scenario compare --json`); no name = every scenario within your perimeter.',
    parameters: [
      {
        name: 'name',
        in: 'query',
        field: 'names',
        kind: 'repeated',
        description: 'A saved scenario, repeated for several.',
      },
      {
        name: 'campaign',
        in: 'query',
        field: 'campaignYear',
        kind: 'integer',
        description: 'Campaign year; the latest campaign when absent.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: scenarioComparisonResponse },
    errors: [400, 404],
  },
  {
    method: 'DELETE',
    path: '/api/scenarios/{name}',
    operationId: 'scenario.remove',
    operation: 'scenario.remove',
    summary: 'Remove a saved scenario.',
    parameters: [
      {
        name: 'name',
        in: 'path',
        field: 'name',
        kind: 'string',
        description: 'The scenario name (case-insensitive), URL-encoded.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: scenarioRemoveResponse },
    errors: [400, 404],
  },
  {
    method: 'GET',
    path: '/api/actions',
    operationId: 'action.list',
    operation: 'action.list',
    summary: 'The actions within your perimeter, oldest first (same as `empreinte action list --json`).',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: actionListResponse },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/actions',
    operationId: 'action.add',
    operation: 'action.add',
    summary:
      'Record an action: one lever taken on by an owner for a perimeter from a start date, with its status.',
    parameters: [
      {
        name: 'body',
        in: 'body',
        field: 'action',
        kind: 'json',
        description:
          '{ "lever", "owner", "start": "YYYY-MM-DD", "status": "planned"|"in-progress"|"done"|"cancelled", ' +
          '"organisation": name or path or null, "categories": [], "sites": [], "note": text or null }',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: actionResponse },
    errors: [400, 404, 415],
  },
  {
    method: 'GET',
    path: '/api/actions/progress',
    operationId: 'action.progress',
    operation: 'action.progress',
    summary:
      'Expected gain of each action (scenario engine) and measured gain (campaigns and telemetry before and ' +
      'after its start), other reasons set apart (same as `empreinte action progress --json`).',
    parameters: [{ name: 'id', in: 'query', field: 'id', kind: 'integer', description: 'Only this action.' }],
    response: { status: 200, contentType: 'application/json', schema: actionProgressResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/actions/{id}',
    operationId: 'action.update',
    operation: 'action.update',
    summary: 'Change the status, owner, start date, lever, note or perimeter of an action.',
    parameters: [
      { name: 'id', in: 'path', field: 'id', kind: 'integer', description: 'The action id.' },
      {
        name: 'body',
        in: 'body',
        field: 'change',
        kind: 'json',
        description:
          'The fields to change: { "status", "owner", "start", "lever", "note", "perimeter": { "organisation", ' +
          '"categories", "sites" } }; absent or null = unchanged.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: actionResponse },
    errors: [400, 404, 415],
  },
  {
    method: 'GET',
    path: '/api/tariffs',
    operationId: 'tariff.list',
    operation: 'tariff.list',
    summary:
      'The electricity tariffs (€/kWh) set per organisation within your perimeter, each for its subtree.',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: tariffListResponse },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/tariffs',
    operationId: 'tariff.set',
    operation: 'tariff.set',
    summary:
      "Set an organisation's electricity tariff (€/kWh excl. VAT), used for its subtree's electricity euros by " +
      'simulations, scenarios and actions instead of the default 0.20 €/kWh.',
    parameters: [
      {
        name: 'body',
        in: 'body',
        field: 'tariff',
        kind: 'json',
        description: '{ "organisation": name or path, "eurosPerKwh": 0.18, "source": text or null }',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: tariffResponse },
    errors: [400, 404, 415],
  },
]
