import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AppError, type AppErrorCode } from '../app/errors.js'

/** Problems with the request itself, found by the HTTP layer before any use case runs. */
export type RequestErrorCode =
  | 'invalid_request'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'forbidden_path'
  | 'route_not_found'
  | 'method_not_allowed'

/** One field-level problem of a request, named as the client sent it (`campaign`, `by.1`, `file`). */
export type RequestIssue = { path: string; message: string }

/** An error of the request (bad parameters, body too large…), answered with a 4xx and never logged. */
export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly issues: RequestIssue[] = [],
  ) {
    super(message)
    this.name = 'RequestError'
  }
}

/** The one table from error code to HTTP status. Every AppError code must be listed (the type checks it). */
export const STATUS_BY_CODE: Record<AppErrorCode | RequestErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  invalid_argument: 400,
  not_found: 404,
  route_not_found: 404,
  no_campaign: 404,
  file_not_found: 404,
  forbidden_path: 403,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unknown_format: 422,
  missing_columns: 422,
  empty_file: 422,
  workspace_busy: 503,
  unauthenticated: 401,
  forbidden: 403,
  too_many_requests: 429,
  conflict: 409,
  database_unavailable: 503,
  not_available: 501,
}

/** The JSON body of every error answer. */
export type ErrorBody = { error: { code: string; message: string; issues?: RequestIssue[] } }

/** Receives the unexpected errors (the ones answered with 500), once each. */
export type ErrorLogger = (message: string, error: unknown) => void

/**
 * Turns anything thrown while answering into a status and a JSON body. Known errors keep their code and
 * message; anything else is logged and becomes a bare 500, so no stack or internal detail leaks.
 */
export function toErrorAnswer(
  error: unknown,
  logger: ErrorLogger,
): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof RequestError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } }
    if (error.issues.length > 0) body.error.issues = error.issues
    return { status: STATUS_BY_CODE[error.code], body }
  }
  if (error instanceof AppError) {
    return {
      status: STATUS_BY_CODE[error.code] ?? 500,
      body: { error: { code: error.code, message: error.message } },
    }
  }
  logger('empreinte: unexpected error while answering a request', error)
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } }
}
