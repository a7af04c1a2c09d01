import { buildDemo } from '../../app/build-demo.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte demo [--organisations N] [--workstations N] [--seed N]` */
export async function demoCommand(
  deps: Deps,
  options: ParsedOptions,
  directory: string,
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
  return { json: result, text }
}
