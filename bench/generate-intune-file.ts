// Derives a Microsoft Intune "All devices" export (UTF-8 with BOM, ',') from a GLPI export written by
// generate-glpi-file, so that the two sources overlap the way a real estate's do: the same devices by serial
// number, some with another model text (a conflict to report), some seen by Intune only.
// Usage: node dist/bench/generate-intune-file.js GLPI.csv OUT.csv [--share 0.6] [--conflicts 0.05] [--extra 0.02]
//   --share      share of the GLPI devices Intune also manages (every device whose row number modulo 100 is below
//                share × 100, so the overlap is exact and reproducible)
//   --conflicts  share of those whose model text differs in Intune (a "(Intune)" suffix)
//   --extra      devices Intune has and GLPI does not, as a share of the GLPI rows
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { stat } from 'node:fs/promises'

const HEADER = [
  'Device ID',
  'Device name',
  'Enrollment date',
  'Last check-in',
  'OS version',
  'Serial number',
  'Manufacturer',
  'Model',
  'Ownership',
  'Compliance',
  'Managed by',
  'OS',
]

type Arguments = { input: string; output: string; share: number; conflicts: number; extra: number }

function parseArguments(argv: string[]): Arguments {
  const values = new Map<string, string>()
  const positional: string[] = []
  for (let index = 0; index < argv.length; index++) {
    if (argv[index].startsWith('--')) values.set(argv[index].slice(2), argv[++index] ?? '')
    else positional.push(argv[index])
  }
  const share = (name: string, fallback: number): number => {
    const text = values.get(name)
    const value = text === undefined ? fallback : Number(text)
    if (!Number.isFinite(value) || value < 0 || value > 1)
      throw new Error(`--${name} expects a share between 0 and 1, got "${text}"`)
    return value
  }
  if (positional.length !== 2) {
    throw new Error('usage: generate-intune-file GLPI.csv OUT.csv [--share 0.6] [--conflicts 0.05] [--extra 0.02]')
  }
  return {
    input: positional[0],
    output: positional[1],
    share: share('share', 0.6),
    conflicts: share('conflicts', 0.05),
    extra: share('extra', 0.02),
  }
}

function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`
}

/** "dd/mm/yyyy" → "yyyy-mm-dd 09:00:00.0000000", or the campaign's first day when the date is unreadable. */
function enrollment(purchase: string): string {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(purchase)
  return match ? `${match[3]}-${match[2]}-${match[1]} 09:00:00.0000000` : '2025-01-02 09:00:00.0000000'
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2))
  const started = performance.now()
  const output = createWriteStream(options.output)
  const lines: string[] = ['\ufeff' + HEADER.map(quote).join(',')]
  const flush = async (): Promise<void> => {
    if (!output.write(lines.join('\r\n') + '\r\n')) await once(output, 'drain')
    lines.length = 0
  }
  const input = createInterface({
    input: createReadStream(options.input).setEncoding('latin1'),
    crlfDelay: Infinity,
  })
  let row = 0
  let written = 0
  let conflicting = 0
  let header: string[] | null = null
  const extraEvery = options.extra > 0 ? Math.round(1 / options.extra) : 0
  for await (const line of input) {
    if (header === null) {
      header = line.split(';')
      continue
    }
    row++
    const fields = line.split(';')
    if (extraEvery > 0 && row % extraEvery === 0) {
      lines.push(
        [
          `extra-${row}`,
          `MOB-${row}`,
          '2024-05-02 10:00:00.0000000',
          '2025-12-01 08:00:00.0000000',
          '10.0.22631.4460',
          `INT${row.toString(36).toUpperCase()}X`,
          'Lenovo',
          'ThinkPad T14 Gen 4',
          'Corporate',
          'Compliant',
          'Intune',
          'Windows',
        ]
          .map(quote)
          .join(','),
      )
      written++
    }
    if (fields.length !== header.length || row % 100 >= options.share * 100) continue
    const [name, , , manufacturer, model, , serial, , purchase] = fields
    if (!serial) continue
    const conflict = (row * 7919) % 1000 < options.conflicts * 1000
    if (conflict) conflicting++
    lines.push(
      [
        `dev-${row}`,
        name,
        enrollment(purchase),
        '2025-12-01 08:00:00.0000000',
        '10.0.22631.4460',
        serial,
        manufacturer,
        conflict ? `${model} (Intune)` : model,
        'Corporate',
        'Compliant',
        'Intune',
        'Windows',
      ]
        .map(quote)
        .join(','),
    )
    written++
    if (lines.length >= 1000) await flush()
  }
  await flush()
  output.end()
  await once(output, 'finish')
  const { size } = await stat(options.output)
  console.log(
    `${options.output}: ${written} rows (${conflicting} with another model text), ${(size / 1048576).toFixed(1)} MiB, ` +
      `${((performance.now() - started) / 1000).toFixed(2)} s`,
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
