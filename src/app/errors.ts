/** The one error type of the application layer: a stable `code` that adapters map to exit codes and HTTP statuses. */
export type AppErrorCode =
  | 'file_not_found'
  | 'unknown_format'
  | 'missing_columns'
  | 'empty_file'
  | 'no_campaign'
  | 'not_found'
  | 'invalid_argument'
  | 'workspace_busy'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_many_requests'
  | 'conflict'
  | 'database_unavailable'
  | 'not_available'

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}
