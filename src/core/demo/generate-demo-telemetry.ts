import { dayFromCivil, formatIsoDate } from './civil-date.js'
import { createRandom, deriveSeed } from './create-random.js'
import type { DemoTable } from './generate-demo-fleet.js'

/** The demo telemetry file: one week of daily power-state data for every computer of the demo. */
export type DemoTelemetryTable = {
  fileName: string
  encoding: 'utf-8'
  delimiter: ';'
  header: string[]
  rows: Iterable<string[]>
  /** Sites where machines are left on at night and at weekends (the power-off lever pays there). */
  alwaysOnSites: string[]
}

export const TELEMETRY_HEADER = ['date', 'poste', 'heures_allumage', 'heures_actives']

/** Share of sites where most machines are never switched off (a demo assumption, shaped on the reference case). */
const ALWAYS_ON_SITE_SHARE = 0.3
/** In such a site, the share of computers left on day and night. */
const ALWAYS_ON_DEVICE_SHARE = 0.7
/** Elsewhere, the few computers left on anyway. */
const STRAY_ALWAYS_ON_SHARE = 0.05

/**
 * One week (Monday 1 to Sunday 7 December of the reference year) of daily hours per computer of the demo's
 * GLPI computer file, written lazily (700,000 rows for 100,000 computers). Working days: 8–10 powered hours,
 * 5–7 active; weekends: off. Computers left on: 24 powered hours every day, same active hours.
 */
export function generateDemoTelemetry(
  computers: DemoTable,
  seed: number,
  referenceYear: number,
): DemoTelemetryTable {
  const nameIndex = computers.header.indexOf('Nom')
  const entityIndex = computers.header.indexOf('Entité')
  const sites = [...new Set(computers.rows.map((row) => row[entityIndex]!))].sort()
  const siteRandom = createRandom(deriveSeed(seed, 'telemetry-sites'))
  const alwaysOnSites = new Set(sites.filter(() => siteRandom.next() < ALWAYS_ON_SITE_SHARE))
  const firstDay = dayFromCivil(referenceYear, 12, 1)
  const rows = function* (): Generator<string[]> {
    const random = createRandom(deriveSeed(seed, 'telemetry-devices'))
    for (const computer of computers.rows) {
      const name = computer[nameIndex]!
      const isLeftOn =
        random.next() <
        (alwaysOnSites.has(computer[entityIndex]!) ? ALWAYS_ON_DEVICE_SHARE : STRAY_ALWAYS_ON_SHARE)
      for (let offset = 0; offset < 7; offset++) {
        const isWorkingDay = offset < 5
        const active = isWorkingDay ? 5 + Math.floor(random.next() * 9) / 4 : 0
        const powered = isLeftOn ? 24 : isWorkingDay ? active + 2 + Math.floor(random.next() * 5) / 4 : 0
        yield [formatIsoDate(firstDay + offset), name, String(powered), String(active)]
      }
    }
  }
  return {
    fileName: 'telemetrie-postes.csv',
    encoding: 'utf-8',
    delimiter: ';',
    header: TELEMETRY_HEADER,
    rows: { [Symbol.iterator]: rows },
    alwaysOnSites: [...alwaysOnSites],
  }
}
