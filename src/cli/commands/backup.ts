import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { backupWorkspace, restoreWorkspace } from '../../app/workspace-backup.js'

/** `empreinte backup FILE` and `empreinte restore FILE` (docs/backup.md). */
export async function backupCommand(
  deps: Deps,
  command: 'backup' | 'restore',
  positional: string[],
  nowMs: number,
): Promise<{ json: unknown; text: string }> {
  if (positional.length !== 1)
    throw new AppError('invalid_argument', `Usage: empreinte ${command} FILE [--workspace DIR]`)
  const file = positional[0]!
  if (command === 'backup') {
    const done = await backupWorkspace(deps, { file, nowMs })
    return {
      json: done,
      text:
        `Backed up the ${done.engine} workspace to ${done.file} (${done.bytes.toLocaleString('en-US')} bytes; ` +
        `${done.assets.toLocaleString('en-US')} assets, footprint SHA-256 ${done.footprintSha256 ?? 'none'}).\n`,
    }
  }
  const done = await restoreWorkspace(deps, { file })
  return {
    json: done,
    text:
      `Restored ${done.file}: ${done.assets.toLocaleString('en-US')} assets, footprint SHA-256 ` +
      `${done.footprintSha256 ?? 'none'} (${done.isVerified ? 'same as at backup time' : 'no manifest to check against'}).\n`,
  }
}
