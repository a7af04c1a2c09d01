/**
 * Saved scenarios, action plans, electricity tariffs and telemetry around an action's start (PlanStore) in the
 * PostgreSQL workspace (migration 3; same meaning as src/store/duckdb/plans.ts). Ids are MAX(id) + 1 under an
 * advisory lock of their own.
 */
import type postgres from 'postgres'
import type { OrganisationTariff, PlanStore } from '../../app/ports.js'
import type { CategoryId } from '../../core/inventory/categories.js'
import type { ActionStatus, NewAction, PlanAction } from '../../core/plans/action.js'
import { formatIsoDay } from '../../core/plans/action.js'
import type { TelemetryPeriod } from '../../core/plans/measure-action-progress.js'
import type { Perimeter } from '../../core/scenarios/perimeter.js'
import type { NewScenario, SavedScenario } from '../../core/scenarios/saved-scenario.js'
import { rows, run, toNumber, type Row, type Sql } from './sql.js'

const UPDATED = "to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS')"
const NOW_UTC = "(now() AT TIME ZONE 'UTC')"
const SCENARIO_COLUMNS = `id, name, description, levers, organisation_path, categories, sites, ${UPDATED}`
const ACTION_COLUMNS = `id, lever, organisation_path, categories, sites, owner, start_day, status, note, ${UPDATED}`

function perimeterOf(organisation: unknown, categories: unknown, sites: unknown): Perimeter {
  return {
    organisation: organisation as string | null,
    categories: JSON.parse(categories as string) as CategoryId[],
    sites: JSON.parse(sites as string) as string[],
  }
}

function toScenario(row: Row): SavedScenario {
  return {
    id: toNumber(row[0]),
    name: row[1] as string,
    description: row[2] as string | null,
    levers: JSON.parse(row[3] as string) as string[],
    perimeter: perimeterOf(row[4], row[5], row[6]),
    updatedAt: row[7] as string,
  }
}

function toAction(row: Row): PlanAction {
  return {
    id: toNumber(row[0]),
    lever: row[1] as string,
    perimeter: perimeterOf(row[2], row[3], row[4]),
    owner: row[5] as string,
    startDay: toNumber(row[6]),
    status: row[7] as ActionStatus,
    note: row[8] as string | null,
    updatedAt: row[9] as string,
  }
}

/** `(?, ?, …)` placeholders from `$first` for `count` values. */
function placeholders(first: number, count: number): string {
  return Array.from({ length: count }, (_, index) => `$${first + index}`).join(', ')
}

/** Runs `work` in a transaction holding the plans' lock (id allocation, replace-by-name). */
function withPlansLock<T>(sql: postgres.Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
  return sql.begin(async (transaction) => {
    const tx = transaction as unknown as Sql
    await tx.unsafe("SELECT pg_advisory_xact_lock(hashtext('empreinte.plans'))")
    return work(tx)
  }) as Promise<T>
}

/** The PlanStore of a PostgreSQL workspace. */
export function createPostgresPlanStore(connection: postgres.Sql): PlanStore {
  const nextId = async (tx: Sql, table: string): Promise<number> => {
    const [[next]] = (await rows(tx, `SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}`)) as [[number]]
    return toNumber(next)
  }
  const findScenario = async (name: string, tx: Sql = connection): Promise<SavedScenario | null> => {
    const found = await rows(tx, `SELECT ${SCENARIO_COLUMNS} FROM scenario WHERE lower(name) = lower($1)`, [
      name,
    ])
    return found.length === 0 ? null : toScenario(found[0]!)
  }
  const findAction = async (id: number, tx: Sql = connection): Promise<PlanAction | null> => {
    const found = await rows(tx, `SELECT ${ACTION_COLUMNS} FROM plan_action WHERE id = $1`, [id])
    return found.length === 0 ? null : toAction(found[0]!)
  }
  return {
    async listScenarios() {
      return (await rows(connection, `SELECT ${SCENARIO_COLUMNS} FROM scenario ORDER BY lower(name)`)).map(
        toScenario,
      )
    },
    findScenario: (name: string) => findScenario(name),
    saveScenario: (scenario: NewScenario) =>
      withPlansLock(connection, async (tx) => {
        const existing = await findScenario(scenario.name, tx)
        const values = [
          scenario.name,
          scenario.description,
          JSON.stringify(scenario.levers),
          scenario.perimeter.organisation,
          JSON.stringify(scenario.perimeter.categories),
          JSON.stringify(scenario.perimeter.sites),
        ]
        if (existing) {
          await run(
            tx,
            `UPDATE scenario SET name = $1, description = $2, levers = $3, organisation_path = $4, categories = $5,
                  sites = $6, updated_at = ${NOW_UTC} WHERE id = $7`,
            [...values, existing.id],
          )
        } else {
          await run(
            tx,
            `INSERT INTO scenario (id, name, description, levers, organisation_path, categories, sites)
           VALUES ($7, $1, $2, $3, $4, $5, $6)`,
            [...values, await nextId(tx, 'scenario')],
          )
        }
        return { scenario: (await findScenario(scenario.name, tx))!, isReplaced: existing !== null }
      }),
    async removeScenario(name: string) {
      const existing = await findScenario(name)
      if (!existing) return false
      await run(connection, 'DELETE FROM scenario WHERE id = $1', [existing.id])
      return true
    },
    async listActions() {
      return (await rows(connection, `SELECT ${ACTION_COLUMNS} FROM plan_action ORDER BY id`)).map(toAction)
    },
    addAction: (action: NewAction) =>
      withPlansLock(connection, async (tx) => {
        const id = await nextId(tx, 'plan_action')
        await run(
          tx,
          `INSERT INTO plan_action (id, lever, organisation_path, categories, sites, owner, start_day, status, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            action.lever,
            action.perimeter.organisation,
            JSON.stringify(action.perimeter.categories),
            JSON.stringify(action.perimeter.sites),
            action.owner,
            action.startDay,
            action.status,
            action.note,
          ],
        )
        return (await findAction(id, tx))!
      }),
    async updateAction(id: number, change: Partial<NewAction>) {
      const current = await findAction(id)
      if (!current) return null
      const next = { ...current, ...change }
      await run(
        connection,
        `UPDATE plan_action SET lever = $1, organisation_path = $2, categories = $3, sites = $4, owner = $5,
                start_day = $6, status = $7, note = $8, updated_at = ${NOW_UTC} WHERE id = $9`,
        [
          next.lever,
          next.perimeter.organisation,
          JSON.stringify(next.perimeter.categories),
          JSON.stringify(next.perimeter.sites),
          next.owner,
          next.startDay,
          next.status,
          next.note,
          id,
        ],
      )
      return findAction(id)
    },
    async telemetryAround(perimeter: Perimeter, startDay: number) {
      const parameters: unknown[] = [formatIsoDay(startDay)]
      let where = 'a.merged_into IS NULL'
      if (perimeter.organisation !== null) {
        parameters.push(perimeter.organisation, `${perimeter.organisation} > %`)
        where += ` AND (o.path = $${parameters.length - 1} OR o.path LIKE $${parameters.length})`
      }
      if (perimeter.categories.length > 0) {
        where += ` AND m.category IN (${placeholders(parameters.length + 1, perimeter.categories.length)})`
        parameters.push(...perimeter.categories)
      }
      if (perimeter.sites.length > 0) {
        where += ` AND lower(s.name) IN (${placeholders(parameters.length + 1, perimeter.sites.length)})`
        parameters.push(...perimeter.sites.map((site) => site.toLowerCase()))
      }
      const found = await rows(
        connection,
        `WITH member AS (
           SELECT a.campaign_id, a.hostname, a.serial FROM asset a JOIN model m ON m.id = a.model_id
           JOIN organisation o ON o.id = a.organisation_id LEFT JOIN site s ON s.id = a.site_id WHERE ${where}),
         device AS (
           SELECT campaign_id, hostname AS name FROM member WHERE hostname IS NOT NULL
           UNION SELECT campaign_id, serial FROM member WHERE serial IS NOT NULL)
         SELECT t.day >= CAST($1 AS DATE) AS is_after, COUNT(DISTINCT t.device), COUNT(*), SUM(t.powered_hours),
                SUM(t.active_hours), COUNT(t.active_hours)
         FROM telemetry t JOIN device d ON d.campaign_id = t.campaign_id AND d.name = t.device
         GROUP BY 1`,
        parameters,
      )
      if (found.length === 0) return null
      const period = (isAfter: boolean): TelemetryPeriod => {
        const row = found.find((candidate) => candidate[0] === isAfter)
        if (!row) return { devices: 0, deviceDays: 0, poweredHours: 0, activeHours: null }
        const deviceDays = toNumber(row[2])
        return {
          devices: toNumber(row[1]),
          deviceDays,
          poweredHours: toNumber(row[3]),
          activeHours: toNumber(row[5]) === deviceDays ? toNumber(row[4]) : null,
        }
      }
      return { before: period(false), after: period(true) }
    },
    async listTariffs() {
      return (
        await rows(
          connection,
          'SELECT organisation_path, euros_per_kwh, source FROM electricity_tariff ORDER BY organisation_path',
        )
      ).map((row): OrganisationTariff => ({
        organisation: row[0] as string,
        eurosPerKwh: toNumber(row[1]),
        source: row[2] as string | null,
      }))
    },
    async setTariff(tariff: OrganisationTariff) {
      await run(
        connection,
        `INSERT INTO electricity_tariff (organisation_path, euros_per_kwh, source) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_path) DO UPDATE SET euros_per_kwh = EXCLUDED.euros_per_kwh, source = EXCLUDED.source`,
        [tariff.organisation, tariff.eurosPerKwh, tariff.source],
      )
    },
    async listCampaigns() {
      return (await rows(connection, 'SELECT id, year, reference_day FROM campaign ORDER BY year')).map(
        (row) => ({
          id: toNumber(row[0]),
          year: toNumber(row[1]),
          referenceDay: toNumber(row[2]),
        }),
      )
    },
    async removeTariff(organisation: string) {
      return (
        (await run(connection, 'DELETE FROM electricity_tariff WHERE organisation_path = $1', [
          organisation,
        ])) > 0
      )
    },
  }
}
