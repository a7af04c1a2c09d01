import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runCli } from './run-cli.js'

/*
 * Two campaigns, generic CSV without purchase dates (so the inventory lifetime is used as is):
 *   2024: Caisse > Agence Lyon, site Lyon: 10 laptops, lifetime 5 y, 30 kWh/yr each
 *         Caisse > Agence Vienne, site Vienne: 4 desktops, lifetime 6 y, 100 kWh/yr each
 *   2025: 12 laptops kept 7 years (the action), 6 desktops (fleet growth, same intensity)
 * Default referential (ADEME publicodes-acv-numerique 2.1.0), climate change:
 *   laptop embodied F_l = 170 (manufacturing) + 12.3 (distribution) + 2.79 (end of life) = 185.09 kgCO2e
 *   desktop embodied F_d = 203 + 1.85 + 6.61 = 211.46 kgCO2e; electricity FR m = 0.0519 kgCO2e/kWh
 * Telemetry (imported into 2025) for LT-01: 2 days at 24 h powered / 8 h active in January, 2 days at
 * 10 h / 7 h in June; a device of another workspace (UNKNOWN-9) matches nothing.
 */
const INVENTORY_HEADER =
  'organisation;site;category;hostname;quantity;purchaseDate;lifetimeYears;annualKwh;country;status'
export const F_LAPTOP = 170 + 12.3 + 2.79
export const F_DESKTOP = 203 + 1.85 + 6.61
export const MIX = 0.0519

/** Writes the files above into `folder` and imports them into the workspace `folder/ws` (answered). */
export async function buildPlansWorkspace(folder: string): Promise<string> {
  const workspace = join(folder, 'ws')
  const write = (name: string, lines: string[]) => writeFile(join(folder, name), lines.join('\n') + '\n')
  await write('c2024.csv', [
    INVENTORY_HEADER,
    'Caisse > Agence Lyon;Lyon;laptop;LT-01;10;;5;30;FR;in-use',
    'Caisse > Agence Vienne;Vienne;desktop;DT-01;4;;6;100;FR;in-use',
  ])
  await write('c2025.csv', [
    INVENTORY_HEADER,
    'Caisse > Agence Lyon;Lyon;laptop;LT-01;12;;7;30;FR;in-use',
    'Caisse > Agence Vienne;Vienne;desktop;DT-01;6;;6;100;FR;in-use',
  ])
  await write('telemetry.csv', [
    'date;hostname;powered on hours;active hours',
    '2025-01-06;LT-01;24;8',
    '2025-01-07;LT-01;24;8',
    '2025-06-02;LT-01;10;7',
    '2025-06-03;LT-01;10;7',
    '2025-06-02;UNKNOWN-9;10;7',
  ])
  const imports = [
    ['import', join(folder, 'c2024.csv'), '--campaign', '2024'],
    ['import', join(folder, 'c2025.csv'), join(folder, 'telemetry.csv'), '--campaign', '2025'],
  ]
  for (const argv of imports) {
    const result = await runCli([...argv, '--workspace', workspace])
    if (result.code !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`)
  }
  return workspace
}
