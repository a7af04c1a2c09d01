/**
 * `empreinte user add|list|disable|token` and `empreinte audit` (docs/access-control.md). The CLI works on
 * the workspace file directly, as its owner: it has every permission, and its audit events are "local".
 */
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { createApiToken, createUser, disableUser, listAuditEvents, listUsers } from '../../app/users.js'
import { parseRole, ROLES } from '../../core/access/roles.js'
import type { CliIo } from '../cli-io.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

type Output = { text: string; json: unknown }

/** Runs `user SUBCOMMAND …`. */
export async function userCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
  io: CliIo,
): Promise<Output> {
  const [action, login] = positional
  const nowMs = io.now()
  if (action === 'list') {
    const users = await listUsers(deps)
    const rows = users.items.map((user) => [
      user.login,
      user.role,
      user.organisation ?? '(whole tree)',
      user.disabledAt === null ? '' : `disabled ${user.disabledAt}`,
    ])
    return { text: formatTable(['login', 'role', 'organisation', 'status'], rows), json: users }
  }
  if (login === undefined) {
    throw new AppError('invalid_argument', 'Usage: empreinte user add|disable|token LOGIN (or: user list).')
  }
  if (action === 'add') {
    const role = parseRole(options.role ?? '')
    if (role === null) throw new AppError('invalid_argument', `Give --role ${ROLES.join('|')}.`)
    let password: string | null = null
    if (options.passwordStdin) {
      if (!io.readStdin)
        throw new AppError('invalid_argument', 'No standard input to read the password from.')
      password = (await io.readStdin()).replace(/\r?\n$/, '')
    }
    const user = await createUser(deps, {
      login,
      displayName: options.displayName,
      role,
      organisation: options.organisation,
      password,
      nowMs,
    })
    return {
      text: `Added ${user.login} (${user.role}, ${user.organisation ?? 'whole tree'})${password === null ? ' without a password: give them an API token (empreinte user token)' : ''}.\n`,
      json: user,
    }
  }
  if (action === 'disable') {
    const user = await disableUser(deps, { login, nowMs })
    return { text: `Disabled ${user.login}: sessions ended, API tokens revoked.\n`, json: user }
  }
  if (action === 'token') {
    const created = await createApiToken(deps, {
      login,
      name: options.name ?? 'cli',
      expiresDays: options.expiresDays ?? 90,
      nowMs,
    })
    return {
      text:
        `API token ${created.id} "${created.name}" for ${created.login}, expires ${created.expiresAt ?? 'never'}.\n` +
        `Shown once; send it as "Authorization: Bearer <token>":\n${created.token}\n`,
      json: created,
    }
  }
  throw new AppError('invalid_argument', `Unknown "user ${action ?? ''}": use add, list, disable or token.`)
}

/** Runs `audit [--limit N]`: the most recent audit events. */
export async function auditCommand(deps: Deps, options: ParsedOptions): Promise<Output> {
  const page = await listAuditEvents(deps, { limit: options.limit ?? 50, offset: 0, action: null })
  const rows = page.items.map((event) => [
    event.at,
    event.actor,
    event.action,
    event.target ?? '',
    event.organisation ?? '',
  ])
  return { text: formatTable(['time (UTC)', 'actor', 'action', 'target', 'organisation'], rows), json: page }
}
