import { AppError } from '../../app/errors.js'

/** The error of a port method the PostgreSQL store does not implement yet (listed in docs/postgresql.md). */
export function notAvailable(method: string): AppError {
  return new AppError(
    'not_available',
    `not available on PostgreSQL yet: ${method} (use the embedded DuckDB workspace for it, see docs/postgresql.md)`,
  )
}

/** A port object whose every method (but those assigned onto it) rejects with `notAvailable("<port>.<method>")`. */
export function notAvailableStore<Port extends object>(port: string): Port {
  return new Proxy({} as Port, {
    get(target, property) {
      // Methods assigned onto the object (the parts that are ported) answer for themselves.
      if (property in target) return (target as Record<string | symbol, unknown>)[property]
      // Not a thenable: `await store` must not call a method.
      if (typeof property !== 'string' || property === 'then') return undefined
      return () => Promise.reject(notAvailable(`${port}.${property}`))
    },
  })
}
