import { AppError } from './errors.js'
import type { Deps, OrganisationTariff } from './ports.js'
import { resolvePerimeterOrganisation } from './run-scenario.js'

/** The electricity tariffs set per organisation (€/kWh, for the subtree). */
export async function listTariffs(deps: Deps): Promise<{ tariffs: OrganisationTariff[]; unit: string }> {
  return { tariffs: await deps.plans.listTariffs(), unit: '€/kWh' }
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
    organisation: (await resolvePerimeterOrganisation(deps, input.organisation))!,
    eurosPerKwh: input.eurosPerKwh,
    source: input.source,
  }
  await deps.plans.setTariff(tariff)
  return tariff
}

/** Removes an organisation's own tariff (it then follows its parent's, or the default). */
export async function removeTariff(
  deps: Deps,
  input: { organisation: string },
): Promise<{ removed: string }> {
  const organisation = (await resolvePerimeterOrganisation(deps, input.organisation))!
  if (!(await deps.plans.removeTariff(organisation))) {
    throw new AppError('not_found', `"${organisation}" has no tariff of its own.`)
  }
  return { removed: organisation }
}
