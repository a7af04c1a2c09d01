/**
 * Users, sessions, API tokens, login failures and audit events in the DuckDB workspace (migration 6).
 * Only hashes of secrets reach these tables; see docs/access-control.md.
 */
import type { DuckDBConnection } from '@duckdb/node-api'
import type {
  AccessStore,
  ApiTokenRecord,
  AuditEvent,
  NewAuditEvent,
  SessionRecord,
  StoredUser,
} from '../../app/ports.js'
import { parseRole } from '../../core/access/roles.js'
import { PATH_SEPARATOR, rows, toNumber, type Row } from './sql.js'

const USER_COLUMNS =
  'id, login, display_name, password_hash, role, organisation_path, created_ms, disabled_ms'
const TOKEN_COLUMNS = 'id, user_id, name, created_ms, expires_ms, last_used_ms, revoked_ms'

const nullableNumber = (value: unknown): number | null => (value === null ? null : toNumber(value))

function toUser(row: Row): StoredUser {
  const role = parseRole(row[4] as string)
  if (role === null) throw new Error(`Stored user ${String(row[1])} has an unknown role "${String(row[4])}"`)
  return {
    id: toNumber(row[0]),
    login: row[1] as string,
    displayName: row[2] as string,
    passwordHash: row[3] as string | null,
    role,
    scope: row[5] === null ? null : (row[5] as string).split(PATH_SEPARATOR),
    createdMs: toNumber(row[6]),
    disabledMs: nullableNumber(row[7]),
  }
}

function toToken(row: Row): ApiTokenRecord {
  return {
    id: toNumber(row[0]),
    userId: toNumber(row[1]),
    name: row[2] as string,
    createdMs: toNumber(row[3]),
    expiresMs: nullableNumber(row[4]),
    lastUsedMs: nullableNumber(row[5]),
    revokedMs: nullableNumber(row[6]),
  }
}

async function nextId(connection: DuckDBConnection, table: 'app_user' | 'api_token' | 'audit_event') {
  const [[next]] = (await rows(connection, `SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}`)) as [[unknown]]
  return toNumber(next)
}

/** The AccessStore of one DuckDB connection. */
export function createDuckDbAccessStore(connection: DuckDBConnection): AccessStore {
  return {
    async addUser(user) {
      const id = await nextId(connection, 'app_user')
      await connection.run(`INSERT INTO app_user (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        id,
        user.login,
        user.displayName,
        user.passwordHash,
        user.role,
        user.scope === null ? null : user.scope.join(PATH_SEPARATOR),
        user.createdMs,
        user.disabledMs,
      ])
      return { ...user, id }
    },
    async findUserByLogin(login) {
      const found = await rows(
        connection,
        `SELECT ${USER_COLUMNS} FROM app_user WHERE lower(login) = lower($1)`,
        [login],
      )
      return found.length === 0 ? null : toUser(found[0]!)
    },
    async findUserById(id) {
      const found = await rows(connection, `SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id])
      return found.length === 0 ? null : toUser(found[0]!)
    },
    async listUsers() {
      return (await rows(connection, `SELECT ${USER_COLUMNS} FROM app_user ORDER BY id`)).map(toUser)
    },
    async disableUser(id, atMs) {
      await connection.run('UPDATE app_user SET disabled_ms = $2 WHERE id = $1', [id, atMs])
      await connection.run('DELETE FROM user_session WHERE user_id = $1', [id])
      await connection.run('UPDATE api_token SET revoked_ms = $2 WHERE user_id = $1 AND revoked_ms IS NULL', [
        id,
        atMs,
      ])
    },
    async addSession(session) {
      await connection.run(
        'INSERT INTO user_session (token_hash, user_id, csrf_hash, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5)',
        [session.tokenHash, session.userId, session.csrfHash, session.createdMs, session.expiresMs],
      )
    },
    async findSession(tokenHash) {
      const found = await rows(
        connection,
        'SELECT token_hash, user_id, csrf_hash, created_ms, expires_ms FROM user_session WHERE token_hash = $1',
        [tokenHash],
      )
      if (found.length === 0) return null
      const row = found[0]!
      return {
        tokenHash: row[0] as string,
        userId: toNumber(row[1]),
        csrfHash: row[2] as string,
        createdMs: toNumber(row[3]),
        expiresMs: toNumber(row[4]),
      } satisfies SessionRecord
    },
    async deleteSession(tokenHash) {
      await connection.run('DELETE FROM user_session WHERE token_hash = $1', [tokenHash])
    },
    async deleteExpiredSessions(nowMs) {
      await connection.run('DELETE FROM user_session WHERE expires_ms <= $1', [nowMs])
    },
    async addApiToken(token) {
      const id = await nextId(connection, 'api_token')
      await connection.run(
        'INSERT INTO api_token (id, token_hash, user_id, name, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, token.tokenHash, token.userId, token.name, token.createdMs, token.expiresMs],
      )
      return {
        id,
        userId: token.userId,
        name: token.name,
        createdMs: token.createdMs,
        expiresMs: token.expiresMs,
        lastUsedMs: null,
        revokedMs: null,
      }
    },
    async findApiToken(tokenHash) {
      const found = await rows(connection, `SELECT ${TOKEN_COLUMNS} FROM api_token WHERE token_hash = $1`, [
        tokenHash,
      ])
      return found.length === 0 ? null : toToken(found[0]!)
    },
    async listApiTokens(userId) {
      return (
        await rows(
          connection,
          `SELECT ${TOKEN_COLUMNS} FROM api_token WHERE $1::INTEGER IS NULL OR user_id = $1 ORDER BY id`,
          [userId],
        )
      ).map(toToken)
    },
    async touchApiToken(id, nowMs) {
      await connection.run('UPDATE api_token SET last_used_ms = $2 WHERE id = $1', [id, nowMs])
    },
    async revokeApiToken(id, nowMs) {
      await connection.run('UPDATE api_token SET revoked_ms = $2 WHERE id = $1 AND revoked_ms IS NULL', [
        id,
        nowMs,
      ])
    },
    async addLoginFailure(login, address, atMs) {
      await connection.run('INSERT INTO login_failure (at_ms, login, address) VALUES ($1, $2, $3)', [
        atMs,
        login.toLowerCase(),
        address,
      ])
    },
    async loginFailures(login, address, sinceMs) {
      const found = await rows(
        connection,
        'SELECT at_ms, login = $1, address = $2 FROM login_failure WHERE at_ms > $3 AND (login = $1 OR address = $2)',
        [login.toLowerCase(), address, sinceMs],
      )
      return {
        byLogin: found.filter((row) => row[1] === true).map((row) => toNumber(row[0])),
        byAddress: found.filter((row) => row[2] === true).map((row) => toNumber(row[0])),
      }
    },
    async clearLoginFailures(login) {
      await connection.run('DELETE FROM login_failure WHERE login = $1', [login.toLowerCase()])
    },
    async addAuditEvent(event: Omit<NewAuditEvent, 'atMs'> & { atMs?: number }) {
      const id = await nextId(connection, 'audit_event')
      await connection.run(
        `INSERT INTO audit_event (id, at_ms, actor, action, target, organisation, details)
         VALUES ($1, COALESCE($2::BIGINT, epoch_ms(get_current_timestamp())), $3, $4, $5, $6, $7)`,
        [
          id,
          event.atMs ?? null,
          event.actor,
          event.action,
          event.target,
          event.organisation,
          JSON.stringify(event.details),
        ],
      )
    },
    async listAuditEvents(query) {
      const [[total]] = (await rows(
        connection,
        'SELECT COUNT(*) FROM audit_event WHERE $1::VARCHAR IS NULL OR action = $1',
        [query.action],
      )) as [[unknown]]
      const found = await rows(
        connection,
        `SELECT id, at_ms, actor, action, target, organisation, details FROM audit_event
         WHERE $1::VARCHAR IS NULL OR action = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [query.action, query.limit, query.offset],
      )
      return {
        total: toNumber(total),
        items: found.map((row): AuditEvent => ({
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
