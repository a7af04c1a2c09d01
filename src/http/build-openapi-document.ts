import { z } from 'zod'
import { OPERATION_INPUTS } from '../app/operations.js'
import type { ApiRoute, RouteParameter } from './api-routes.js'
import { errorResponse } from './response-schemas.js'

/** Version of the HTTP contract (bumped on breaking changes), not of the package. */
export const API_VERSION = '1.0.0'

type JsonSchema = Record<string, unknown>

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: every problem is listed in `error.issues`.',
  403: 'Forbidden path.',
  404: 'Not found (campaign, organisation or asset).',
  409: 'Conflict with the current state (e.g. a closed campaign, a decision already taken).',
  413: 'Upload larger than the server limit.',
  415: 'The body is not multipart/form-data.',
  422: 'The file cannot be imported (unknown format, missing columns, empty file).',
  500: 'Unexpected error (logged on the server; no detail is sent).',
}

/** Builds the OpenAPI 3.1 description of `routes`: parameters and bodies from the operation schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const inputShape = route.operation === null ? {} : OPERATION_INPUTS[route.operation].shape
    const schemaOf = (parameter: RouteParameter): JsonSchema =>
      parameterSchema(parameter, (inputShape as Record<string, z.ZodType>)[parameter.field])
    const inline = route.parameters.filter((parameter) => parameter.in !== 'form' && parameter.in !== 'body')
    const body = route.parameters.find((parameter) => parameter.in === 'body')
    const form = route.parameters.filter((parameter) => parameter.in === 'form')
    const responses: Record<string, unknown> = {
      [String(route.response.status)]: {
        description: route.summary,
        content: {
          [route.response.contentType]: {
            schema:
              route.response.schema === null ? { type: 'string' } : toSchema(route.response.schema, 'output'),
          },
        },
      },
    }
    for (const status of [...route.errors, 500]) {
      responses[String(status)] = {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      }
    }
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.operationId.split('.')[0]],
      parameters: inline.map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        required: parameter.in === 'path',
        description: parameter.description,
        ...(parameter.kind === 'list' ? { style: 'form', explode: false } : {}),
        ...(parameter.kind === 'repeated' ? { style: 'form', explode: true } : {}),
        schema: schemaOf(parameter),
      })),
      responses,
    }
    if (body !== undefined) {
      operation['requestBody'] = {
        required: true,
        description: body.description,
        content: { 'application/json': { schema: schemaOf(body) } },
      }
    }
    if (form.length > 0) {
      const required = form
        .filter((parameter) => parameter.kind === 'file')
        .map((parameter) => parameter.name)
      operation['requestBody'] = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: Object.fromEntries(
                form.map((parameter) => [
                  parameter.name,
                  { description: parameter.description, ...schemaOf(parameter) },
                ]),
              ),
              required,
            },
          },
        },
      }
    }
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'empreinte API',
      version: API_VERSION,
      description:
        'Import IT inventories, check their quality and measure their environmental footprint, every figure with its trace.',
    },
    paths,
    components: { schemas: { Error: toSchema(errorResponse, 'output') } },
  }
}

function parameterSchema(parameter: RouteParameter, schema: z.ZodType | undefined): JsonSchema {
  if (parameter.kind === 'file') {
    return {
      type: 'array',
      items: { type: 'string', contentMediaType: 'application/octet-stream' },
      minItems: 1,
    }
  }
  if (schema === undefined) return { type: 'string' }
  return withoutNull(toSchema(schema, 'input'))
}

/** A query parameter is absent rather than null: drop the `null` alternative and the null default. */
function withoutNull(schema: JsonSchema): JsonSchema {
  const result = { ...schema }
  const alternatives = result['anyOf']
  if (Array.isArray(alternatives)) {
    const kept = (alternatives as JsonSchema[]).filter((alternative) => alternative['type'] !== 'null')
    delete result['anyOf']
    if (kept.length === 1) Object.assign(result, kept[0])
    else result['anyOf'] = kept
  }
  if (Array.isArray(result['type'])) {
    const types = (result['type'] as string[]).filter((type) => type !== 'null')
    result['type'] = types.length === 1 ? types[0] : types
  }
  if (result['default'] === null) delete result['default']
  return result
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  return rest
}
