import {
  explainApplication,
  explainVirtualMachine,
  footprintByApplication,
  parseApplicationDimensions,
  phasesText,
  type VirtualExplanation,
} from '../../app/virtual-footprint.js'
import { totalOf } from '../../core/footprint/virtual-allocation.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `footprint --by application[,application-domain,application-sub-domain]`. */
export async function applicationFootprintCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const report = await footprintByApplication(deps, {
    campaignYear: options.campaign,
    by: parseApplicationDimensions(options.by ?? 'application'),
  })
  const text = [
    `Applications, campaign ${report.campaign} (referential ${report.referential}): ${report.total.climateKgCo2e} kgCO2e/yr`,
    formatTable(
      [...report.by, 'applications', 'kgCO2e/yr', 'manufacturing', 'distribution', 'use', 'end-of-life'],
      report.breakdown.map((row) => [
        ...report.by.map((dimension) => row.keys[dimension] ?? ''),
        row.applications,
        row.climateKgCo2e,
        row.byPhase['manufacturing'] ?? 0,
        row.byPhase['distribution'] ?? 0,
        row.byPhase['use'] ?? 0,
        row.byPhase['end-of-life'] ?? 0,
      ]),
    ),
    report.note,
  ]
  return { json: report, text: text.join('\n') + '\n' }
}

/** `explain --vm NAME` or `explain --application NAME`. */
export async function explainVirtualCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const explanation =
    options.vm !== null
      ? await explainVirtualMachine(deps, { campaignYear: options.campaign, name: options.vm })
      : await explainApplication(deps, { campaignYear: options.campaign, name: options.application ?? '' })
  return { json: explanation, text: renderVirtualExplanation(explanation) }
}

export function renderVirtualExplanation(explanation: VirtualExplanation): string {
  const lines: string[] = []
  const vmLines = (vm: NonNullable<VirtualExplanation['vm']>, host: VirtualExplanation['host'] | null): void => {
    lines.push(`VM ${vm.name} (${vm.organisationPath.join(' > ')}, line ${vm.sourceLine})`)
    if (vm.status !== 'allocated') {
      lines.push(`  no figure: ${vm.shareSource}`)
      return
    }
    lines.push(
      `  host ${vm.host}${host ? ` (asset ${host.assetId}, item ${host.referenceItemId}${host.datacenter ? `, datacenter ${host.datacenter}` : ''})` : ''}`,
      `  allocation rule ${vm.rule}: ${vm.shareSource} → share ${vm.share}`,
      `  VMs on the host: ${vm.siblings.join(', ')}`,
    )
    if (host) lines.push(`  host climate change (kgCO2e/yr): ${phasesText(host.impacts, 'climate-change')}`)
    lines.push(`  VM climate change (kgCO2e/yr): ${phasesText(vm.impacts, 'climate-change')}; total ${totalOf(vm.impacts, 'climate-change')}`)
  }
  lines.push(`Campaign ${explanation.campaign}, referential ${explanation.referential}`)
  if (explanation.kind === 'vm' && explanation.vm) vmLines(explanation.vm, explanation.host ?? null)
  if (explanation.kind === 'application' && explanation.application) {
    const application = explanation.application
    lines.push(
      `Application ${application.name} (domain ${application.domain ?? '—'}, sub-domain ${application.subDomain ?? '—'}; ${application.environments.join(', ')})`,
      formatTable(
        ['VM', 'host', 'VM share of host', 'applications on VM', 'application share of host'],
        application.vms.map((share) => [share.vm, share.host ?? '—', share.vmShareOfHost, share.applicationsOnVm, share.share]),
      ),
    )
    if (application.unknownVms.length > 0) lines.push(`  VMs not in the workspace (no figure): ${application.unknownVms.join(', ')}`)
    lines.push(`  climate change (kgCO2e/yr): ${phasesText(application.impacts, 'climate-change')}; total ${totalOf(application.impacts, 'climate-change')}`)
    for (const entry of explanation.vms ?? []) vmLines(entry.vm, entry.host)
  }
  lines.push(explanation.note)
  return lines.join('\n') + '\n'
}
