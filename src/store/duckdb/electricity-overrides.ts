/** Electricity climate factors set per organisation or site (ElectricityOverrideStore, docs/electricity.md). */
import type { DuckDBConnection } from '@duckdb/node-api'
import type { ElectricityOverrideStore } from '../../app/ports.js'
import type { ElectricityOverride } from '../../core/footprint/electricity-override.js'
import { PATH_SEPARATOR, rows, toNumber } from './sql.js'

/** The store of overrides over one open workspace connection. */
export function createDuckDbElectricityOverrideStore(connection: DuckDBConnection): ElectricityOverrideStore {
  const list = async (): Promise<ElectricityOverride[]> =>
    (
      await rows(
        connection,
        'SELECT id, organisation_path, site, kg_co2e_per_kwh, source FROM electricity_override ORDER BY id',
      )
    ).map((row) => ({
      id: toNumber(row[0]),
      organisationPath: row[1] === '' ? [] : (row[1] as string).split(PATH_SEPARATOR),
      site: row[2] as string | null,
      kgCo2ePerKwh: toNumber(row[3]),
      source: row[4] as string,
    }))
  return {
    list,
    async set(override) {
      const path = override.organisationPath.join(PATH_SEPARATOR)
      const site = override.site === null ? '' : override.site.toLowerCase()
      const existing = (await list()).find(
        (entry) =>
          entry.organisationPath.join(PATH_SEPARATOR) === path && (entry.site?.toLowerCase() ?? '') === site,
      )
      const [[next]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM electricity_override')) as [
        [number],
      ]
      const id = existing?.id ?? toNumber(next)
      if (existing) await connection.run('DELETE FROM electricity_override WHERE id = $1', [id])
      await connection.run(
        'INSERT INTO electricity_override (id, organisation_path, site, kg_co2e_per_kwh, source) VALUES ($1, $2, $3, $4, $5)',
        [id, path, override.site, override.kgCo2ePerKwh, override.source],
      )
      return { ...override, id }
    },
    async remove(id) {
      const found = await rows(connection, 'SELECT COUNT(*) FROM electricity_override WHERE id = $1', [id])
      if (toNumber(found[0]![0]) === 0) return false
      await connection.run('DELETE FROM electricity_override WHERE id = $1', [id])
      return true
    },
  }
}
