/**
 * Accounting views of a campaign's footprint and the mapping of results to GHG scopes and Bilan Carbone posts
 * (methodology §2.2). See docs/methodology/accounting-views.md.
 *
 *   annualised     embodied(p) = quantity × F(p) × u / L            (PCR SI, ITU-T L.1420, NumEcoEval: the default)
 *   purchase-year  embodied(p) = quantity × F(p) × u   when the asset was bought in the campaign year, else 0
 *                  (GHG Protocol Scope 3 cat. 2 "capital goods": 100 % in the year of acquisition)
 *   use is the same in both views.
 */
import type { DayNumber } from '../inventory/asset.js'
import type { DomainId, PhaseId } from '../inventory/categories.js'
import type { CriterionId } from '../referential/referential.js'
import type { AssetFootprint, PhaseValues } from './compute-footprint.js'

export const ACCOUNTING_VIEWS = ['annualised', 'purchase-year'] as const
export type AccountingView = (typeof ACCOUNTING_VIEWS)[number]

export const PURCHASE_YEAR_FORMULA =
  'embodied(phase) = annualised(phase) × lifetimeYears (= quantity × factor × utilisationRate) when the purchase date falls in the campaign year, else 0; use unchanged'

const MILLISECONDS_PER_DAY = 86_400_000

/** The calendar year (UTC) of a day number (days since 1970-01-01). */
export function yearOfDay(day: DayNumber): number {
  return new Date(day * MILLISECONDS_PER_DAY).getUTCFullYear()
}

/**
 * The asset's impacts in the purchase-year view: the whole embodied impact (annualised × lifetime) when it was
 * bought in `campaignYear`, nothing for older (or undated) assets; the use phase is unchanged.
 * Returns a new object; `isCounted` says whether the embodied phases were kept.
 */
export function toPurchaseYear(
  footprint: AssetFootprint,
  purchaseDay: DayNumber | null,
  campaignYear: number,
): { impacts: Partial<Record<CriterionId, PhaseValues>>; isBoughtInYear: boolean } {
  const isBoughtInYear = purchaseDay !== null && yearOfDay(purchaseDay) === campaignYear
  const multiplier = isBoughtInYear ? footprint.lifetimeYears : 0
  const impacts: Partial<Record<CriterionId, PhaseValues>> = {}
  for (const [criterion, values] of Object.entries(footprint.impacts) as [CriterionId, PhaseValues][]) {
    impacts[criterion] = {
      manufacturing: values.manufacturing * multiplier,
      distribution: values.distribution * multiplier,
      use: values.use,
      'end-of-life': values['end-of-life'] * multiplier,
    }
  }
  return { impacts, isBoughtInYear }
}

/** One accounting post: how a (domain, phase) result is reported under each framework. */
export type GhgPost = {
  id: string
  ghgProtocol: string
  iso14064: string
  bilanCarbone: string
  note: string
}

const SCOPE_2: GhgPost = {
  id: 'scope-2',
  ghgProtocol: 'Scope 2 — purchased electricity (location-based)',
  iso14064: 'Category 2 — indirect emissions from imported energy',
  bilanCarbone: 'BEGES-r category 2, post 6 — indirect emissions from electricity consumption',
  note: 'use phase of owned or controlled equipment (workstations, server rooms, network, phones, printers)',
}
const CAPITAL_GOODS_AMORTISED: GhgPost = {
  id: 'scope-3-cat-2-amortised',
  ghgProtocol: 'Scope 3 category 2 — capital goods (amortised over the lifetime: not the GHG Protocol rule)',
  iso14064: 'Category 4 — products used by the organisation',
  bilanCarbone:
    'BEGES-r category 4, post 10 — capital goods (immobilisations), amortisation accepted in French practice',
  note: 'manufacturing in the annualised view; use --view purchase-year for the GHG Protocol figure',
}
const CAPITAL_GOODS: GhgPost = {
  id: 'scope-3-cat-2',
  ghgProtocol: 'Scope 3 category 2 — capital goods (100 % in the year of acquisition)',
  iso14064: 'Category 4 — products used by the organisation',
  bilanCarbone: 'BEGES-r category 4, post 10 — capital goods (immobilisations)',
  note: 'manufacturing of the equipment bought in the campaign year',
}
const UPSTREAM_TRANSPORT: GhgPost = {
  id: 'scope-3-cat-4',
  ghgProtocol: 'Scope 3 category 4 — upstream transportation and distribution',
  iso14064: 'Category 3 — indirect emissions from transportation',
  bilanCarbone: 'BEGES-r category 3, post 12 — upstream freight transport',
  note: 'distribution phase (may be reported inside category 2 when the factor is cradle-to-gate)',
}
const WASTE: GhgPost = {
  id: 'scope-3-cat-5',
  ghgProtocol: 'Scope 3 category 5 — waste generated in operations',
  iso14064: 'Category 4 — products used by the organisation (waste disposal)',
  bilanCarbone: 'BEGES-r category 4, post 11 — waste',
  note: 'end-of-life phase (WEEE treatment)',
}
const PURCHASED_SERVICES: GhgPost = {
  id: 'scope-3-cat-1',
  ghgProtocol: 'Scope 3 category 1 — purchased goods and services',
  iso14064: 'Category 4 — products used by the organisation (services)',
  bilanCarbone: 'BEGES-r category 4, post 9 — purchases of goods and services',
  note: 'cloud, hosting and other services bought (every phase of the provider’s equipment)',
}

/** Every post a result can map to, in reporting order. */
export const GHG_POSTS: readonly GhgPost[] = [
  SCOPE_2,
  PURCHASED_SERVICES,
  CAPITAL_GOODS,
  CAPITAL_GOODS_AMORTISED,
  UPSTREAM_TRANSPORT,
  WASTE,
]

/** The GHG accounting post of a result of `domain` and `phase` in `view` (methodology §2.2). */
export function ghgPostOf(domain: DomainId, phase: PhaseId, view: AccountingView): GhgPost {
  if (domain === 'cloud') return PURCHASED_SERVICES
  switch (phase) {
    case 'use':
      return SCOPE_2
    case 'manufacturing':
      return view === 'purchase-year' ? CAPITAL_GOODS : CAPITAL_GOODS_AMORTISED
    case 'distribution':
      return UPSTREAM_TRANSPORT
    case 'end-of-life':
      return WASTE
  }
}
