/**
 * Prices that turn lever effects into euros per year:
 *   purchase €/yr    = quantity / expected lifetime × unit price (company-owned lines; personal devices cost 0)
 *   electricity €/yr = kWh × PUE × tariff
 * See docs/methodology/levers.md#euros.
 */
import type { CategoryId } from '../inventory/categories.js'

/** Unit prices per category (€ excl. VAT), the electricity tariff (€/kWh) and where they come from. */
export type EconomicAssumptions = {
  unitPriceEurosByCategory: Partial<Record<CategoryId, number>>
  electricityEurosPerKwh: number
  source: string
}

/** Indicative public-sector list prices and tariff: assumptions for a first estimate, to replace with your own. */
export const DEFAULT_ECONOMIC_ASSUMPTIONS: EconomicAssumptions = {
  unitPriceEurosByCategory: {
    laptop: 900,
    desktop: 700,
    monitor: 180,
    'thin-client': 400,
    smartphone: 350,
    tablet: 400,
    'desk-phone': 120,
    printer: 600,
    server: 6000,
    'network-switch': 2500,
  },
  electricityEurosPerKwh: 0.2,
  source:
    'empreinte default economic assumptions: indicative public-sector list prices per unit, excluding VAT ' +
    '(laptop 900 €, desktop 700 €, monitor 180 €, thin client 400 €, smartphone 350 €, tablet 400 €, ' +
    'desk phone 120 €, printer 600 €, server 6,000 €, network switch 2,500 €) and electricity 0.20 €/kWh. ' +
    'These are assumptions, not quotes: replace them with your purchase prices and your tariff.',
}
