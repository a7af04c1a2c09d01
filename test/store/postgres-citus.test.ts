/**
 * src/store/postgres/citus.sql on plain PostgreSQL 15 (no Citus here): Citus's two functions are replaced by
 * stubs that record their calls, the one statement that needs the extension (CREATE EXTENSION citus) is left
 * out, and everything else runs against a migrated workspace. Then the catalog tells whether the plan is one
 * Citus accepts: every table named once, every unique constraint of a distributed table holding its
 * distribution column, co-located tables distributed on columns of one type.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresStore } from '../../src/store/postgres/postgres-store.js'
import { connect } from '../../src/store/postgres/sql.js'
import { startPostgres, type PostgresServer } from '../support/postgres-server.js'

const SCRIPT = join(import.meta.dirname, '..', '..', 'src', 'store', 'postgres', 'citus.sql')

const STUBS = `
CREATE SCHEMA citus_stub;
CREATE TABLE citus_stub.call (
  seq SERIAL PRIMARY KEY, kind TEXT NOT NULL, table_name TEXT NOT NULL, distribution_column TEXT,
  colocate_with TEXT);
CREATE FUNCTION citus_stub.create_reference_table(table_name regclass) RETURNS void LANGUAGE sql AS
  $$ INSERT INTO citus_stub.call (kind, table_name) VALUES ('reference', table_name::text) $$;
CREATE FUNCTION citus_stub.create_distributed_table(
  table_name regclass, distribution_column text, distribution_type text DEFAULT 'hash',
  colocate_with text DEFAULT 'default') RETURNS void LANGUAGE sql AS
  $$ INSERT INTO citus_stub.call (kind, table_name, distribution_column, colocate_with)
     VALUES ('distributed', table_name::text, distribution_column, colocate_with) $$;
`

describe('citus.sql on plain PostgreSQL 15', () => {
  let server: PostgresServer
  let url: string
  beforeAll(async () => {
    server = await startPostgres()
    url = await server.createDatabase()
    await (await PostgresStore.open(url)).close()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('names every table once and distributes only tables whose unique constraints hold the distribution column', async () => {
    const script = await readFile(SCRIPT, 'utf8')
    const citusOnly = /^CREATE EXTENSION IF NOT EXISTS citus;$/m
    expect(script).toMatch(citusOnly)
    const sql = connect(url, { max: 1 })
    try {
      await sql.unsafe(STUBS).simple()
      await sql.unsafe('SET search_path = public, citus_stub')
      // Everything but the extension runs: SET citus.shard_count (a placeholder setting here), BEGIN, the calls,
      // COMMIT. A table or column name that does not exist fails the regclass cast or the check below.
      await sql.unsafe(script.replace(citusOnly, '')).simple()
      const calls = (await sql.unsafe(
        'SELECT kind, table_name, distribution_column, colocate_with FROM citus_stub.call ORDER BY seq',
      )) as unknown as {
        kind: string
        table_name: string
        distribution_column: string | null
        colocate_with: string | null
      }[]
      const tables = (
        (await sql.unsafe(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
           AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
        )) as unknown as { table_name: string }[]
      ).map((row) => row.table_name)
      // Every workspace table exactly once: a new table must be placed in the plan.
      expect(calls.map((call) => call.table_name).sort()).toEqual(tables)

      const distributed = calls.filter((call) => call.kind === 'distributed')
      const byOrganisation = distributed.filter((call) => call.distribution_column === 'organisation_id')
      expect(byOrganisation.map((call) => call.table_name).sort()).toEqual(ORGANISATION_TABLES)
      expect(
        byOrganisation.every((call) => call.table_name === 'asset' || call.colocate_with === 'asset'),
      ).toBe(true)

      // Citus: a PRIMARY KEY, UNIQUE constraint or unique index of a distributed table must contain its
      // distribution column. Lists the offending index per table (expected: none).
      const violations: string[] = []
      const keyed: Record<string, string[]> = {}
      for (const call of distributed) {
        const indexes = (await sql.unsafe(
          `SELECT i.indexrelid::regclass::text AS name,
                  array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum)) AS columns
           FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
           WHERE i.indrelid = $1::regclass AND i.indisunique GROUP BY 1`,
          [call.table_name],
        )) as unknown as { name: string; columns: string[] }[]
        for (const index of indexes) {
          if (!index.columns.includes(call.distribution_column!))
            violations.push(`${call.table_name}.${index.name} (${index.columns.join(', ')})`)
          else (keyed[call.table_name] ??= []).push(index.columns.join(', '))
        }
      }
      expect(violations).toEqual([])
      // The organisation tables with a key lead it with organisation_id.
      expect(keyed).toEqual({
        asset: ['organisation_id, id'],
        site: ['organisation_id, id'],
        computation_organisation: ['organisation_id, campaign_id'],
      })

      // Co-located tables are distributed on columns of one type.
      const typeOf = async (table: string, column: string): Promise<string> => {
        const [row] = (await sql.unsafe(
          `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2`,
          [table, column],
        )) as unknown as { type: string }[]
        expect(row, `${table}.${column}`).toBeDefined()
        return row!.type
      }
      for (const call of distributed) {
        const type = await typeOf(call.table_name, call.distribution_column!)
        const anchor = distributed.find((other) => other.table_name === call.colocate_with)
        if (anchor)
          expect([call.table_name, type]).toEqual([
            call.table_name,
            await typeOf(anchor.table_name, anchor.distribution_column!),
          ])
      }
      expect(await typeOf('telemetry', 'device')).toBe('text')
    } finally {
      await sql.end({ timeout: 1 })
    }
  })
})

const ORGANISATION_TABLES = [
  'application',
  'asset',
  'asset_usage',
  'campaign_evidence',
  'campaign_member',
  'campaign_reminder',
  'campaign_result',
  'campaign_review',
  'cloud_emissions',
  'cloud_usage',
  'computation_organisation',
  'datacenter',
  'entity',
  'messaging',
  'non_it_operation',
  'result_group',
  'result_impact',
  'site',
  'virtual_equipment',
]
