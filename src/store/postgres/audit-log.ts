/** The audit log of the PostgreSQL workspace (the part of AccessStore every import and change writes to). */
import type { AuditEvent, NewAuditEvent } from '../../app/ports.js'
import { lockWriters, rows, run, toNumber, type Sql } from './sql.js'
import type postgres from 'postgres'

export function createPostgresAuditLog(sql: postgres.Sql): {
  addAuditEvent(event: Omit<NewAuditEvent, 'atMs'> & { atMs?: number }): Promise<void>
  listAuditEvents(query: { limit: number; offset: number; action: string | null }): Promise<{
    items: AuditEvent[]
    total: number
  }>
} {
  return {
    async addAuditEvent(event) {
      await sql.begin(async (transaction) => {
        const tx = transaction as unknown as Sql
        await lockWriters(tx)
        await run(
          tx,
          `INSERT INTO audit_event (id, at_ms, actor, action, target, organisation, details)
           SELECT COALESCE(MAX(id), 0) + 1, COALESCE($1::BIGINT, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT),
                  $2, $3, $4, $5, $6 FROM audit_event`,
          [
            event.atMs ?? null,
            event.actor,
            event.action,
            event.target,
            event.organisation,
            JSON.stringify(event.details),
          ],
        )
      })
    },
    async listAuditEvents(query) {
      const [[total]] = (await rows(
        sql,
        'SELECT COUNT(*) FROM audit_event WHERE $1::TEXT IS NULL OR action = $1',
        [query.action],
      )) as [[unknown]]
      const found = await rows(
        sql,
        `SELECT id, at_ms, actor, action, target, organisation, details FROM audit_event
         WHERE $1::TEXT IS NULL OR action = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [query.action, query.limit, query.offset],
      )
      return {
        total: toNumber(total),
        items: found.map((row) => ({
          id: toNumber(row[0]),
          atMs: toNumber(row[1]),
          actor: row[2] as string,
          action: row[3] as string,
          target: row[4] as string | null,
          organisation: row[5] as string | null,
          details: JSON.parse(row[6] as string) as Record<string, unknown>,
        })),
      }
    },
  }
}
