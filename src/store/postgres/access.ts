/**
 * Users, sessions, API tokens, login failures and the audit log in the PostgreSQL workspace (migration 3; same
 * meaning as src/store/duckdb/users.ts). Only hashes of secrets reach these tables; see docs/access-control.md.
 * Ids are allocated as MAX(id) + 1 under an advisory lock of their own (not the writers' lock: a sign-in or a
 * new token must not wait for a long import).
 */
import type postgres from 'postgres'
import type { AccessStore, ApiTokenRecord, SessionRecord, StoredUser } from '../../app/ports.js'
import { AppError } from '../../app/errors.js'
import { parseRole } from '../../core/access/roles.js'
import { createPostgresAuditLog } from './audit-log.js'
import { PATH_SEPARATOR, rows, run, toNumber, type Row, type Sql } from './sql.js'

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

/** Runs `work` in a transaction holding the access lock (id allocation of users and tokens). */
function withAccessLock<T>(sql: postgres.Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
  return sql.begin(async (transaction) => {
    const tx = transaction as unknown as Sql
    await tx.unsafe("SELECT pg_advisory_xact_lock(hashtext('empreinte.access'))")
    return work(tx)
  }) as Promise<T>
}

async function nextId(tx: Sql, table: 'app_user' | 'api_token'): Promise<number> {
  const [[next]] = (await rows(tx, `SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}`)) as [[unknown]]
  return toNumber(next)
}

/** The AccessStore of a PostgreSQL workspace. */
export function createPostgresAccessStore(sql: postgres.Sql): AccessStore {
  return {
    async addUser(user) {
      return withAccessLock(sql, async (tx) => {
        const existing = await rows(tx, 'SELECT 1 FROM app_user WHERE lower(login) = lower($1)', [user.login])
        if (existing.length > 0)
          throw new AppError('conflict', `A user with login "${user.login}" already exists.`)
        const id = await nextId(tx, 'app_user')
        await run(tx, `INSERT INTO app_user (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
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
      })
    },
    async findUserByLogin(login) {
      const found = await rows(sql, `SELECT ${USER_COLUMNS} FROM app_user WHERE lower(login) = lower($1)`, [
        login,
      ])
      return found.length === 0 ? null : toUser(found[0]!)
    },
    async findUserById(id) {
      const found = await rows(sql, `SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id])
      return found.length === 0 ? null : toUser(found[0]!)
    },
    async listUsers() {
      return (await rows(sql, `SELECT ${USER_COLUMNS} FROM app_user ORDER BY id`)).map(toUser)
    },
    async disableUser(id, atMs) {
      await sql.begin(async (transaction) => {
        const tx = transaction as unknown as Sql
        await run(tx, 'UPDATE app_user SET disabled_ms = $2 WHERE id = $1', [id, atMs])
        await run(tx, 'DELETE FROM user_session WHERE user_id = $1', [id])
        await run(tx, 'UPDATE api_token SET revoked_ms = $2 WHERE user_id = $1 AND revoked_ms IS NULL', [
          id,
          atMs,
        ])
      })
    },
    async addSession(session) {
      await run(
        sql,
        'INSERT INTO user_session (token_hash, user_id, csrf_hash, created_ms, expires_ms) VALUES ($1, $2, $3, $4, $5)',
        [session.tokenHash, session.userId, session.csrfHash, session.createdMs, session.expiresMs],
      )
    },
    async findSession(tokenHash) {
      const found = await rows(
        sql,
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
      await run(sql, 'DELETE FROM user_session WHERE token_hash = $1', [tokenHash])
    },
    async deleteExpiredSessions(nowMs) {
      await run(sql, 'DELETE FROM user_session WHERE expires_ms <= $1', [nowMs])
    },
    async addApiToken(token) {
      return withAccessLock(sql, async (tx) => {
        const id = await nextId(tx, 'api_token')
        await run(
          tx,
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
      })
    },
    async findApiToken(tokenHash) {
      const found = await rows(sql, `SELECT ${TOKEN_COLUMNS} FROM api_token WHERE token_hash = $1`, [
        tokenHash,
      ])
      return found.length === 0 ? null : toToken(found[0]!)
    },
    async listApiTokens(userId) {
      return (
        await rows(
          sql,
          `SELECT ${TOKEN_COLUMNS} FROM api_token WHERE $1::INTEGER IS NULL OR user_id = $1 ORDER BY id`,
          [userId],
        )
      ).map(toToken)
    },
    async touchApiToken(id, nowMs) {
      await run(sql, 'UPDATE api_token SET last_used_ms = $2 WHERE id = $1', [id, nowMs])
    },
    async revokeApiToken(id, nowMs) {
      await run(sql, 'UPDATE api_token SET revoked_ms = $2 WHERE id = $1 AND revoked_ms IS NULL', [id, nowMs])
    },
    async addLoginFailure(login, address, atMs) {
      await run(sql, 'INSERT INTO login_failure (at_ms, login, address) VALUES ($1, $2, $3)', [
        atMs,
        login.toLowerCase(),
        address,
      ])
    },
    async loginFailures(login, address, sinceMs) {
      const found = await rows(
        sql,
        `SELECT at_ms, login = $1, address = $2 FROM login_failure
         WHERE at_ms > $3 AND (login = $1 OR address = $2) ORDER BY at_ms`,
        [login.toLowerCase(), address, sinceMs],
      )
      return {
        byLogin: found.filter((row) => row[1] === true).map((row) => toNumber(row[0])),
        byAddress: found.filter((row) => row[2] === true).map((row) => toNumber(row[0])),
      }
    },
    async clearLoginFailures(login) {
      await run(sql, 'DELETE FROM login_failure WHERE login = $1', [login.toLowerCase()])
    },
    ...createPostgresAuditLog(sql),
  }
}
