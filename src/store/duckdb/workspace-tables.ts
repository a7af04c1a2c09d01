/**
 * The raw tables of a DuckDB workspace for `empreinte migrate` (WorkspaceTables): read as a stream of data
 * chunks, written with the appender. The appender needs every column of its table with JavaScript values of the
 * column's type, so rows go first into a temporary staging table (timestamps and dates as text, BIGINT as
 * DOUBLE: exact below 2^53) and then into the table with one INSERT … SELECT casting them, in one transaction.
 */
import { BOOLEAN, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api'
import type { WorkspaceTable, WorkspaceTables } from '../../app/ports.js'
import { ColumnAppender } from './column-appender.js'
import { rows, toNumber } from './sql.js'

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/
/** Tables DuckDB's CSV reader leaves behind (telemetry import rejects): not workspace data. */
const SCRATCH_TABLES = ['schema_migration', 'telemetry_rejects', 'telemetry_reject_scans']

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a table or column name: "${name}"`)
  return name
}

/** The staging type of a column of SQL type `type`, and whether it crosses as text. */
function stagingType(type: string): DuckDBType {
  if (type === 'INTEGER' || type === 'SMALLINT' || type === 'TINYINT') return INTEGER
  if (type === 'BIGINT' || type === 'DOUBLE' || type === 'FLOAT' || type === 'HUGEINT') return DOUBLE
  if (type === 'BOOLEAN') return BOOLEAN
  return VARCHAR
}

const plain = (value: unknown): unknown => (typeof value === 'bigint' ? Number(value) : value)

export function createDuckDbWorkspaceTables(connection: DuckDBConnection): WorkspaceTables {
  const typesOf = async (table: string): Promise<Map<string, string>> =>
    new Map(
      (
        await rows(
          connection,
          `SELECT column_name, data_type FROM information_schema.columns
           WHERE table_schema = 'main' AND table_name = $1`,
          [table],
        )
      ).map((row) => [row[0] as string, row[1] as string]),
    )
  return {
    engine: 'duckdb',
    async listTables(): Promise<WorkspaceTable[]> {
      const found = await rows(
        connection,
        `SELECT c.table_name, list(c.column_name ORDER BY c.ordinal_position)
         FROM information_schema.columns c JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
         GROUP BY c.table_name ORDER BY c.table_name`,
      )
      return found
        .filter((row) => !SCRATCH_TABLES.includes(row[0] as string))
        .map((row) => ({ name: row[0] as string, columns: row[1] as string[] }))
    },
    async countRows(table) {
      const [[count]] = (await rows(connection, `SELECT COUNT(*) FROM ${identifier(table)}`)) as [[unknown]]
      return toNumber(count)
    },
    async *readRows(table, columns, batchRows) {
      const types = await typesOf(table)
      const select = columns
        .map((column) => {
          const type = types.get(identifier(column)) ?? ''
          if (type.startsWith('TIMESTAMP')) return `strftime(${column}, '%Y-%m-%d %H:%M:%S')`
          if (type === 'DATE') return `strftime(${column}, '%Y-%m-%d')`
          return column
        })
        .join(', ')
      const result = await connection.stream(`SELECT ${select} FROM ${identifier(table)}`)
      let batch: unknown[][] = []
      for (;;) {
        const chunk = await result.fetchChunk()
        if (!chunk || chunk.rowCount === 0) break
        for (const row of chunk.getRows()) batch.push(row.map(plain))
        if (batch.length >= batchRows) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
    },
    async writeRows(table, columns, batches) {
      const types = await typesOf(identifier(table))
      const columnTypes = columns.map((column) => {
        const type = types.get(identifier(column))
        if (type === undefined) throw new Error(`Table ${table} has no column ${column}`)
        return type
      })
      const staging = `migrate_${table}`
      await connection.run(`DROP TABLE IF EXISTS ${staging}`)
      await connection.run(
        `CREATE TEMPORARY TABLE ${staging} (${columns
          .map((column, index) => `${column} ${stagingType(columnTypes[index]!).toString()}`)
          .join(', ')})`,
      )
      let count = 0
      await connection.run('BEGIN TRANSACTION')
      try {
        const appender = await ColumnAppender.open(connection, staging, columnTypes.map(stagingType))
        for await (const batch of batches) {
          for (const row of batch) {
            appender.push(row)
            await appender.pause()
          }
          count += batch.length
        }
        appender.close()
        await connection.run(
          `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns
            .map((column, index) => `CAST(${column} AS ${columnTypes[index]!})`)
            .join(', ')} FROM ${staging}`,
        )
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined)
      }
      return count
    },
  }
}
