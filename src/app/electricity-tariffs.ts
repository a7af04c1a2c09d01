import { AppError } from './errors.js'
import type { Deps, OrganisationTariff } from './ports.js'
import { isJoinedPathVisible, recordAudit } from './access.js'
import { resolvePerimeterOrganisation } from './run-scenario.js'

/** The electricity tariffs set per organisation (€/kWh, for the subtree), within the actor's scope. */
export async function listTariffs(deps: Deps): Promise<{ tariffs: OrganisationTariff[]; unit: string }> {
  const tariffs = (await deps.plans.listTariffs()).filter((tariff) =>
    isJoinedPathVisible(deps, tariff.organisation),
  )
  return { tariffs, unit: '€/kWh' }
}

/**
 * Sets an organisation's electricity tariff (€/kWh excluding VAT), used for its subtree's electricity euros by
 * simulate, scenarios and actions instead of the default 0.20 €/kWh.
 * @example await setTariff(deps, { organisation: 'CPAM Rhône', eurosPerKwh: 0.18, source: 'contrat 2025' })
 */
export async function setTariff(
  deps: Deps,
  input: { organisation: string; eurosPerKwh: number; source: string | null },
): Promise<OrganisationTariff> {
  if (!Number.isFinite(input.eurosPerKwh) || input.eurosPerKwh < 0 || input.eurosPerKwh > 10) {
    throw new AppError(
      'invalid_argument',
      `A tariff is a price in €/kWh between 0 and 10, not ${input.eurosPerKwh}.`,
    )
  }
  const tariff = {
    organisation: (await resolvePerimeterOrganisation(deps, input.organisation, 'write'))!,
    eurosPerKwh: input.eurosPerKwh,
    source: input.source,
  }
  await deps.plans.setTariff(tariff)
  await recordAudit(deps, {
    action: 'tariff.set',
    target: tariff.organisation,
    organisation: tariff.organisation,
    details: { eurosPerKwh: tariff.eurosPerKwh, source: tariff.source },
  })
  return tariff
}

/** Removes an organisation's own tariff (it then follows its parent's, or the default). */
export async function removeTariff(
  deps: Deps,
  input: { organisation: string },
): Promise<{ removed: string }> {
  const organisation = (await resolvePerimeterOrganisation(deps, input.organisation, 'write'))!
  if (!(await deps.plans.removeTariff(organisation))) {
    throw new AppError('not_found', `"${organisation}" has no tariff of its own.`)
  }
  await recordAudit(deps, { action: 'tariff.remove', target: organisation, organisation, details: {} })
  return { removed: organisation }
}
