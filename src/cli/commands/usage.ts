import { usageReport } from '../../app/usage-report.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte usage [--campaign YEAR]`: measured powered, active and idle hours per site. */
export async function usageCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const report = await usageReport(deps, { campaignYear: options.campaign })
  if (report.devices === 0) {
    return {
      json: report,
      text: 'No telemetry matched to assets yet: import a power-state file (empreinte import FILE).\n',
    }
  }
  const rows = report.sites
    .slice(0, 40)
    .map((site) => [
      site.organisation,
      site.site ?? '',
      site.devices,
      Math.round(site.poweredHoursPerYear),
      site.activeHoursPerYear === null ? '—' : Math.round(site.activeHoursPerYear).toLocaleString('en-US'),
      site.idleShare === null ? '—' : `${Math.round(site.idleShare * 100)} %`,
    ])
  const text =
    `Measured usage, campaign ${report.campaign}: ${report.devices.toLocaleString('en-US')} devices with telemetry ` +
    '(hours per device per year, extrapolated from the observed days; most idle hours first)\n\n' +
    formatTable(['organisation', 'site', 'devices', 'powered h/yr', 'active h/yr', 'idle'], rows) +
    (report.sites.length > 40 ? `… ${report.sites.length - 40} more sites (use --json)\n` : '')
  return { json: report, text }
}
