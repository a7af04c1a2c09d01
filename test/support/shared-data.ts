import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The shared datasets folder (`../shared/data` next to the repository; tests read them from there and never copy
 * them). A clone elsewhere on the same machine finds the workplace's copy at /work/shared/data;
 * EMPREINTE_SHARED_DATA names another place. Null when none exists: the tests that need it skip with a message.
 */
export function sharedDataFolder(): string | null {
  const candidates = [
    process.env['EMPREINTE_SHARED_DATA'],
    join(import.meta.dirname, '..', '..', '..', 'shared', 'data'),
    '/work/shared/data',
  ]
  return candidates.find((folder) => folder !== undefined && existsSync(folder)) ?? null
}

/** A path inside the shared datasets folder (a path that does not exist when the folder is absent). */
export function sharedData(...parts: string[]): string {
  return join(sharedDataFolder() ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data'), ...parts)
}
