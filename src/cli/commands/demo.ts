import { buildDemo } from '../../app/build-demo.js'
import type { Deps } from '../../app/ports.js'
import { createUser } from '../../app/users.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** The users the demo workspace gets, so that the dashboard can be signed into at once. */
export const DEMO_USERS = [
  { login: 'admin', displayName: 'Administrateur démo', role: 'administrator', organisation: null },
  { login: 'rhone', displayName: 'Contributeur CPAM Rhône', role: 'contributor', organisation: 'CPAM Rhône' },
] as const

/**
 * Creates the demo users when the workspace has none of them yet; answers the password to print (once), or null
 * when they already existed. The password is `EMPREINTE_DEMO_PASSWORD`, else a new random one.
 */
async function ensureDemoUsers(
  deps: Deps,
  password: string | undefined,
  nowMs: number,
): Promise<{ password: string; isRandom: boolean } | null> {
  const existing = await Promise.all(DEMO_USERS.map((user) => deps.access.findUserByLogin(user.login)))
  if (existing.some((user) => user !== null)) return null
  const chosen = password ?? deps.secrets.newToken().slice(0, 20)
  for (const user of DEMO_USERS) {
    await createUser(deps, { ...user, password: chosen, nowMs })
  }
  return { password: chosen, isRandom: password === undefined }
}

/** `empreinte demo [--organisations N] [--workstations N] [--seed N]` */
export async function demoCommand(
  deps: Deps,
  options: ParsedOptions,
  directory: string,
  demoPassword: string | undefined = undefined,
  nowMs = 0,
): Promise<{ json: unknown; text: string }> {
  const result = await buildDemo(deps, {
    directory,
    organisations: options.organisations ?? 500,
    workstations: options.workstations ?? 100_000,
    seed: options.seed ?? 42,
  })
  const text =
    `Demo workspace built: campaign ${result.campaign}, files written to ${result.directory}\n\n` +
    formatTable(
      ['file', 'format', 'read', 'accepted', 'quarantined', 'note'],
      result.imports.map((record) => [
        record.fileName,
        record.format,
        record.rowsRead,
        record.rowsAccepted,
        record.rowsQuarantined,
        record.isAlreadyImported ? 'already imported' : '',
      ]),
    ) +
    '\nNext: empreinte footprint --by domain,phase   ·   empreinte quality   ·   empreinte explain ASSET\n'
  const users = await ensureDemoUsers(deps, demoPassword, nowMs)
  const logins = DEMO_USERS.map((user) => user.login)
  const usersText =
    users === null
      ? `Dashboard users: ${logins.join(', ')} (already created; empreinte user list).\n`
      : `Dashboard users (password ${users.isRandom ? 'shown once' : 'from EMPREINTE_DEMO_PASSWORD'}: ${users.password}):\n` +
        DEMO_USERS.map(
          (user) => `  ${user.login.padEnd(6)} ${user.role}${user.organisation === null ? '' : ` of ${user.organisation}`}\n`,
        ).join('')
  return {
    json: { ...result, users: { logins, password: users?.password ?? null } },
    text: text + usersText,
  }
}
