import { OPERATION_INPUTS, type OperationId, type OperationInput } from '../app/operations.js'
import type { RouteParameter } from './api-routes.js'
import { RequestError, type RequestIssue } from './errors.js'

/**
 * Reads a route's parameters from the request's text values into an operation input (integers as numbers,
 * lists split on commas, repeated parameters kept whole), and lists the names the route does not know. Absent or empty values are left out
 * so the schema's defaults apply.
 */
export function readParameters(
  parameters: readonly RouteParameter[],
  values: ReadonlyMap<string, readonly string[]>,
): { input: Record<string, unknown>; issues: RequestIssue[] } {
  const input: Record<string, unknown> = {}
  const issues: RequestIssue[] = []
  const known = new Set(parameters.map((parameter) => parameter.name))
  for (const name of values.keys()) {
    if (!known.has(name)) {
      issues.push({
        path: name,
        message: `Unknown parameter; this route takes: ${[...known].join(', ') || 'none'}`,
      })
    }
  }
  for (const parameter of parameters) {
    if (parameter.kind === 'file') continue
    const given = (values.get(parameter.name) ?? []).filter((value) => value !== '')
    if (given.length === 0) continue
    if (parameter.kind === 'repeated') {
      input[parameter.field] = given
      continue
    }
    if (parameter.kind === 'list') {
      input[parameter.field] = given
        .flatMap((value) => value.split(',').map((part) => part.trim()))
        .filter(Boolean)
      continue
    }
    if (given.length > 1) {
      issues.push({ path: parameter.name, message: 'Given more than once; give it once' })
      continue
    }
    const text = given[0]!
    input[parameter.field] =
      parameter.kind === 'integer' && /^[+-]?\d{1,15}$/.test(text.trim()) ? Number(text) : text
  }
  return { input, issues }
}

/**
 * Validates `input` with the schema of operation `id` and reports every problem at once, each under the
 * name the client used (`campaign`, not `campaignYear`), together with the problems already found.
 */
export function validateOperationInput<Id extends OperationId>(
  id: Id,
  input: Record<string, unknown>,
  parameters: readonly RouteParameter[],
  earlier: readonly RequestIssue[] = [],
): OperationInput<Id> {
  const result = OPERATION_INPUTS[id].safeParse(input)
  const issues = [...earlier]
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [field, ...rest] = issue.path.map(String)
      const name = parameters.find((parameter) => parameter.field === field)?.name ?? field ?? ''
      issues.push({ path: [name, ...rest].filter((part) => part !== '').join('.'), message: issue.message })
    }
  }
  if (issues.length > 0 || !result.success) {
    const summary = issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ')
    throw new RequestError('invalid_request', `Invalid request: ${summary}`, issues)
  }
  // The schema of `id` produced this value; TypeScript cannot follow the indexed access through the union.
  return result.data as OperationInput<Id>
}
