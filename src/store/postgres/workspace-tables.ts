/**
 * The raw tables of a PostgreSQL workspace for `empreinte migrate` (WorkspaceTables): read with a server cursor,
 * written with COPY in one transaction per table. Timestamps cross as 'YYYY-MM-DD HH:MM:SS', dates as 'YYYY-MM-DD'.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type postgres from 'postgres'
import type { WorkspaceTable, WorkspaceTables } from '../../app/ports.js'
import { copyValue, rows, run, toNumber, type Row } from './sql.js'

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a table or column name: "${name}"`)
  return name
}

/** A COPY text cell; unlike the import writers' copyValue, NaN and infinities stay what they are. */
function cell(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : copyValue(value)
}

export function createPostgresWorkspaceTables(sql: postgres.Sql): WorkspaceTables {
  const typesOf = async (table: string): Promise<Map<string, string>> =>
    new Map(
      (
        await rows(
          sql,
          `SELECT column_name, data_type FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1`,
          [table],
        )
      ).map((row) => [row[0] as string, row[1] as string]),
    )
  return {
    engine: 'postgres',
    async listTables(): Promise<WorkspaceTable[]> {
      const found = await rows(
        sql,
        `SELECT c.table_name, array_agg(c.column_name::TEXT ORDER BY c.ordinal_position)
         FROM information_schema.columns c JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migration'
         GROUP BY c.table_name ORDER BY c.table_name`,
      )
      return found.map((row) => ({ name: row[0] as string, columns: row[1] as string[] }))
    },
    async countRows(table) {
      const [[count]] = (await rows(sql, `SELECT COUNT(*) FROM ${identifier(table)}`)) as [[unknown]]
      return toNumber(count)
    },
    async *readRows(table, columns, batchRows) {
      const types = await typesOf(table)
      const select = columns
        .map((column) => {
          const type = types.get(identifier(column)) ?? ''
          if (type.startsWith('timestamp')) return `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS')`
          if (type === 'date') return `to_char(${column}, 'YYYY-MM-DD')`
          return column
        })
        .join(', ')
      const cursor = sql
        .unsafe(`SELECT ${select} FROM ${identifier(table)}`)
        .values()
        .cursor(batchRows)
      for await (const batch of cursor) yield batch as unknown as Row[]
    },
    async writeRows(table, columns, batches) {
      let count = 0
      async function* lines(): AsyncGenerator<string> {
        for await (const batch of batches) {
          let text = ''
          for (const row of batch) {
            let line = ''
            for (let index = 0; index < row.length; index++)
              line += (index === 0 ? '' : '\t') + cell(row[index])
            text += line + '\n'
          }
          count += batch.length
          if (text.length > 0) yield text
        }
      }
      const connection = await sql.reserve()
      try {
        await run(connection, 'BEGIN')
        const stream = await connection
          .unsafe(`COPY ${identifier(table)} (${columns.map(identifier).join(', ')}) FROM STDIN`)
          .writable()
        await pipeline(Readable.from(lines()), stream)
        await run(connection, 'COMMIT')
      } catch (error) {
        await run(connection, 'ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        connection.release()
      }
      return count
    },
  }
}
