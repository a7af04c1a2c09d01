import { allocateSeats, buildDemoOrganisations } from './build-demo-organisations.js'
import { createRandom, deriveSeed } from './create-random.js'
import { createDemoRowFactory } from './create-demo-row-factory.js'

export type GlpiComputerRowsOptions = {
  seed: number
  referenceYear: number
  organisations: number
  rows: number
  /** Share of rows (0–1) given one deliberate fault. */
  brokenRows: number
}

/**
 * Yields the rows of the demo GLPI computer export one at a time (no buffering), identical to the rows of
 * `glpi-ordinateurs.csv` from `generateDemoFleet` with `workstations = rows` and the same seed.
 */
export function* iterateGlpiComputerRows(options: GlpiComputerRowsOptions): Generator<string[]> {
  const bodies = buildDemoOrganisations(
    createRandom(deriveSeed(options.seed, 'organisations')),
    options.organisations,
  )
  const seats = allocateSeats(bodies, options.rows)
  const factory = createDemoRowFactory(options.seed, options.referenceYear)
  for (let index = 0; index < bodies.length; index++) {
    const body = bodies[index]
    for (let seat = 0; seat < seats[index]; seat++) {
      yield factory.maybeBreak(
        'computers',
        factory.computer(body, factory.seatSite(body)).row,
        options.brokenRows,
      )
    }
  }
}
