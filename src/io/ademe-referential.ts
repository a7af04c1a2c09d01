import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { buildDefaultReferential } from '../core/referential/build-default-referential.js'
import type { Referential } from '../core/referential/referential.js'
import type { ReferentialSource } from '../app/ports.js'

const MODEL = '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json'

/** Reads ADEME's published model (npm dependency, MIT) and builds the default referential from it, once. */
export function createDefaultReferentialSource(): ReferentialSource {
  let cached: Promise<Referential> | null = null
  return {
    load() {
      cached ??= (async () => {
        const path = createRequire(import.meta.url).resolve(MODEL)
        const model = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
        return buildDefaultReferential(model)
      })()
      return cached
    },
  }
}
