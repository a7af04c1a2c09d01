import { resolveCampaign } from './campaigns.js'
import type { Deps, UsageBySite } from './ports.js'

export type UsageReport = {
  campaign: number
  devices: number
  sites: (UsageBySite & { idleShare: number | null })[]
}

/** Measured usage per site, most idle hours first: where powered-on but unused machines waste most. */
export async function usageReport(deps: Deps, input: { campaignYear: number | null }): Promise<UsageReport> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const sites = await deps.store.usageBySite(campaign.id)
  return {
    campaign: campaign.year,
    devices: sites.reduce((sum, site) => sum + site.devices, 0),
    sites: sites.map((site) => ({
      ...site,
      idleShare:
        site.idleHoursPerYear === null || site.poweredHoursPerYear === 0
          ? null
          : site.idleHoursPerYear / site.poweredHoursPerYear,
    })),
  }
}
