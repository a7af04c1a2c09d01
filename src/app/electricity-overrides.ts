/** Electricity climate factors set per organisation subtree or site (docs/electricity.md). */
import type { ElectricityOverride } from '../core/footprint/electricity-override.js'
import { recordAudit, requirePermission, requireWholeTree } from './access.js'
import { resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

/** Above this, a figure in kgCO2e/kWh is surely in g/kWh (the most carbon-intensive grids are about 1.1). */
const MAX_KG_CO2E_PER_KWH = 2

/** Every override of the workspace, oldest first. */
export async function listElectricityOverrides(deps: Deps): Promise<{ overrides: ElectricityOverride[] }> {
  return { overrides: await deps.electricity.list() }
}

/**
 * Sets the climate factor of electricity for an organisation (and all below it) or a site; it replaces the
 * country's grid factor in the use phase from the next computation on.
 */
export async function setElectricityOverride(
  deps: Deps,
  input: { organisation: string | null; site: string | null; kgCo2ePerKwh: number; source: string | null },
): Promise<ElectricityOverride> {
  // A factor change restates the footprint of every asset below it: a referential change (audited).
  requirePermission(deps, 'manage-rules')
  requireWholeTree(deps, 'Setting an electricity factor')
  if (input.organisation === null && input.site === null)
    throw new AppError(
      'invalid_argument',
      'Name the organisation (--organisation CODE) or the site (--site NAME).',
    )
  if (
    !Number.isFinite(input.kgCo2ePerKwh) ||
    input.kgCo2ePerKwh < 0 ||
    input.kgCo2ePerKwh > MAX_KG_CO2E_PER_KWH
  )
    throw new AppError(
      'invalid_argument',
      `--kgco2e-per-kwh takes a factor between 0 and ${MAX_KG_CO2E_PER_KWH} kgCO2e/kWh (e.g. 0.052), not ${input.kgCo2ePerKwh}; ` +
        'a figure in gCO2e/kWh must be divided by 1000.',
    )
  const organisationPath =
    input.organisation === null ? [] : await resolveOrganisation(deps.store, input.organisation)
  const override = await deps.electricity.set({
    organisationPath,
    site: input.site,
    kgCo2ePerKwh: input.kgCo2ePerKwh,
    source: input.source ?? 'set by the user (no source given)',
  })
  await recordAudit(deps, {
    action: 'electricity.set',
    target: input.site ?? organisationPath.join(' > '),
    organisation: organisationPath.length === 0 ? null : organisationPath.join(' > '),
    details: { id: override.id, kgCo2ePerKwh: input.kgCo2ePerKwh, source: override.source },
  })
  return override
}

/** Removes the override with this id. */
export async function removeElectricityOverride(
  deps: Deps,
  input: { id: number },
): Promise<{ removed: number }> {
  requirePermission(deps, 'manage-rules')
  requireWholeTree(deps, 'Removing an electricity factor')
  if (!(await deps.electricity.remove(input.id)))
    throw new AppError(
      'not_found',
      `No electricity override ${input.id} (empreinte electricity list shows them).`,
    )
  await recordAudit(deps, {
    action: 'electricity.remove',
    target: String(input.id),
    organisation: null,
    details: { id: input.id },
  })
  return { removed: input.id }
}
