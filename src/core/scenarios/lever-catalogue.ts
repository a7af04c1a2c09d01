/**
 * The documented list of levers: ids, labels (FR, EN), formula, parameters with unit, default and source.
 * The command-line parser, the CLI help and docs/methodology/levers.md all read from it.
 */
import type { LeverId } from './lever.js'
import { ARCEP_AVERAGE_PUE_2023 } from './datacenter-pue.js'
import { NIGHTS_WEEKENDS_HOURS_PER_YEAR } from './power-off.js'
import { DEFAULT_MANUFACTURING_REDUCTION, DEFAULT_REFURBISHED_PRICE_RATIO } from './refurbished-share.js'

/** How a parameter's text is read. */
export type LeverParameterKind = 'number' | 'categories' | 'category' | 'choice' | 'country'

/** One parameter of a lever. `default: null` means required (or, for `currentHours`, "not set"). */
export type LeverParameterSpec = {
  name: string
  kind: LeverParameterKind
  unit: string
  default: number | string | null
  isRequired: boolean
  description: string
  /** Where the default figure comes from, or "assumption". */
  source?: string
  /** Inclusive bounds for numbers; `exclusiveMinimum` when 0 itself is meaningless. */
  minimum?: number
  exclusiveMinimum?: number
  maximum?: number
  choices?: readonly string[]
}

/** One lever: what it changes, its formula, its parameters and the assumptions behind its figures. */
export type LeverSpec = {
  id: LeverId
  label: { fr: string; en: string }
  description: string
  formula: string
  euros: string
  parameters: LeverParameterSpec[]
  example: string
  /** Human sentences with the figure and its source; repeated in every result of the lever. */
  assumptions: string[]
}

/** Default categories of the lifetime-extension and power-off levers: workstation devices and their screens. */
export const WORKSTATION_CATEGORIES = 'laptop+desktop+thin-client+monitor'

const CATEGORIES_HELP = 'categories joined with "+", e.g. laptop+desktop+monitor'

/** Every lever with its parameters, defaults and sources. */
export const LEVER_CATALOGUE: readonly LeverSpec[] = [
  {
    id: 'lifetime-extension',
    label: { fr: 'Allongement de la durée de vie', en: 'Longer equipment lifetime' },
    description:
      'Keep devices longer before renewing them. In steady state the fleet buys 1/(L+Δ) of itself per year ' +
      'instead of 1/L, so annualised embodied impacts and purchases fall by the same ratio.',
    formula: 'embodied × L / (L + years); purchases and purchase € × L / (L + years); use unchanged',
    euros: 'quantity × (1/L − 1/(L + years)) × unit price of the category',
    parameters: [
      {
        name: 'years',
        kind: 'number',
        unit: 'years',
        default: 2,
        isRequired: false,
        exclusiveMinimum: 0,
        maximum: 20,
        description: 'extra years of use beyond the reference item expected lifetime L',
        source: 'reference case: 5 → 7 years for laptops gives −29% of annualised embodied (anchors §0)',
      },
      {
        name: 'categories',
        kind: 'categories',
        unit: 'category ids',
        default: WORKSTATION_CATEGORIES,
        isRequired: false,
        description: `devices concerned, ${CATEGORIES_HELP}`,
      },
    ],
    example: 'lifetime-extension:years=2,categories=laptop+desktop+monitor',
    assumptions: [
      "L is the expected lifetime of each line's reference item in the referential (ADEME: laptop 5 years, " +
        'desktop 6, monitor 6), not the age-based lifetime of the line.',
      'Steady-state renewal view: the saving is reached once the fleet has been renewed on the longer cycle; ' +
        'see the trajectory for the year-by-year path.',
    ],
  },
  {
    id: 'power-off',
    label: { fr: 'Extinction automatique', en: 'Automatic power-off' },
    description:
      'Switch idle devices off at night and at weekends (or down to a number of powered hours per year). ' +
      'Only the use phase changes.',
    formula: 'use, kWh and electricity € × min(1, targetHours / currentHours)',
    euros: 'kWh saved × PUE × electricity tariff',
    parameters: [
      {
        name: 'policy',
        kind: 'choice',
        unit: '',
        default: 'nights-weekends',
        isRequired: false,
        choices: ['nights-weekends', 'target-hours'],
        description: `nights-weekends = powered ${NIGHTS_WEEKENDS_HOURS_PER_YEAR} h/yr; target-hours = the targetHours parameter`,
      },
      {
        name: 'targetHours',
        kind: 'number',
        unit: 'h/yr',
        default: NIGHTS_WEEKENDS_HOURS_PER_YEAR,
        isRequired: false,
        exclusiveMinimum: 0,
        maximum: 8760,
        description: 'powered hours per year after the change (setting it implies policy=target-hours)',
        source:
          'assumption: 11 h a day × 5 working days × 52 weeks = 2,860 h/yr (working days plus arrival and ' +
          'departure margins; the GLPI Carbon plugin\'s "office hours" profile is 45 h a week, 2,340 h/yr)',
      },
      {
        name: 'currentHours',
        kind: 'number',
        unit: 'h/yr',
        default: null,
        isRequired: false,
        exclusiveMinimum: 0,
        maximum: 8760,
        description:
          'powered hours per year today, for devices with neither telemetry nor a usage profile behind ' +
          'their kWh (inventory kWh); without it they are assumed always on (8,760 h/yr)',
      },
      {
        name: 'categories',
        kind: 'categories',
        unit: 'category ids',
        default: WORKSTATION_CATEGORIES,
        isRequired: false,
        description: `devices concerned, ${CATEGORIES_HELP}`,
      },
    ],
    example: 'power-off:policy=nights-weekends',
    assumptions: [
      `The nights-weekends policy leaves devices powered ${NIGHTS_WEEKENDS_HOURS_PER_YEAR} h/yr ` +
        '(11 h × 5 days × 52 weeks): an engineering assumption.',
      "Current powered hours come from telemetry when measured; otherwise from the reference item's usage " +
        'profile when the kWh come from it (the default office profile is 8 h × 220 days = 1,760 h/yr, already ' +
        'below the target, so no gain is claimed without telemetry); otherwise from currentHours, else 8,760 h ' +
        '(always on, assumption).',
      'Standby power when off is not counted (a few watts at most).',
    ],
  },
  {
    id: 'fewer-screens',
    label: { fr: "Moins d'écrans par poste", en: 'Fewer screens per seat' },
    description:
      'Keep at most perSeat monitors per workstation seat (laptops + desktops + thin clients) in each ' +
      'organisation; surplus monitors are not renewed.',
    formula: 'monitors × min(1, perSeat × seats / monitors), per group',
    euros: 'monitors removed / L × unit price of a monitor, plus their electricity',
    parameters: [
      {
        name: 'perSeat',
        kind: 'number',
        unit: 'monitors per seat',
        default: 1,
        isRequired: false,
        minimum: 0,
        maximum: 4,
        description: 'monitors kept per workstation seat',
      },
    ],
    example: 'fewer-screens:perSeat=1',
    assumptions: [
      'Seats are counted per group (organisation) as laptops + desktops + thin clients; each keeps perSeat monitors.',
    ],
  },
  {
    id: 'refurbished-share',
    label: { fr: 'Achat de matériel reconditionné', en: 'Refurbished purchases' },
    description: 'Buy a share of renewals refurbished instead of new.',
    formula:
      'manufacturing × (1 − share × manufacturingReduction); purchase € × (1 − share × (1 − priceRatio))',
    euros: 'unit price × (1 − refurbishedPriceRatio) × purchases per year × share',
    parameters: [
      {
        name: 'share',
        kind: 'number',
        unit: 'ratio',
        default: null,
        isRequired: true,
        minimum: 0,
        maximum: 1,
        description: 'share of renewals bought refurbished',
      },
      {
        name: 'categories',
        kind: 'categories',
        unit: 'category ids',
        default: 'laptop+desktop+smartphone+tablet',
        isRequired: false,
        description: `devices concerned, ${CATEGORIES_HELP}`,
      },
      {
        name: 'manufacturingReduction',
        kind: 'number',
        unit: 'ratio',
        default: DEFAULT_MANUFACTURING_REDUCTION,
        isRequired: false,
        minimum: 0,
        maximum: 1,
        description: 'share of the manufacturing impact a refurbished device avoids, net of refurbishing',
        source:
          "engineering assumption pending a sourced figure (ADEME's studies on refurbished smartphones report " +
          'that most of the manufacturing impact is avoided)',
      },
      {
        name: 'refurbishedPriceRatio',
        kind: 'number',
        unit: 'ratio',
        default: DEFAULT_REFURBISHED_PRICE_RATIO,
        isRequired: false,
        minimum: 0,
        maximum: 1,
        description: 'price of a refurbished device as a share of the new price',
        source: 'engineering assumption pending your purchase prices',
      },
    ],
    example: 'refurbished-share:share=0.3,categories=laptop',
    assumptions: [
      'A refurbished device avoids manufacturingReduction of the manufacturing impact (default 0.8): an ' +
        "engineering assumption pending a sourced figure; ADEME's studies on refurbished smartphones report " +
        'that most of the manufacturing impact is avoided.',
      'A refurbished device costs refurbishedPriceRatio of the new price (default 0.6): an assumption.',
      'Distribution and end of life are unchanged; the refurbished device is assumed to last as long as a new one.',
    ],
  },
  {
    id: 'device-substitution',
    label: { fr: "Substitution d'équipements", en: 'Device substitution' },
    description:
      'At renewal, replace a share of one category by another (e.g. desktops by laptops or thin clients), ' +
      "computed with the target category's reference item.",
    formula: 'from × (1 − share) + share × footprint(to reference item, same quantity and usage)',
    euros: 'share × quantity × (price(from)/L(from) − price(to)/L(to)) + electricity difference',
    parameters: [
      {
        name: 'from',
        kind: 'category',
        unit: 'category id',
        default: 'desktop',
        isRequired: false,
        description: 'category replaced',
      },
      {
        name: 'to',
        kind: 'category',
        unit: 'category id',
        default: 'laptop',
        isRequired: false,
        description: 'category bought instead',
      },
      {
        name: 'share',
        kind: 'number',
        unit: 'ratio',
        default: null,
        isRequired: true,
        minimum: 0,
        maximum: 1,
        description: 'share of the from devices replaced',
      },
    ],
    example: 'device-substitution:from=desktop,to=laptop,share=0.5',
    assumptions: [
      "The substitute is the to category's default reference item, annualised over its expected lifetime, used " +
        'in the same country, ownership, datacenter and measured hours as the device it replaces.',
      'With ADEME factors a laptop (185 kgCO2e over 5 years) has a higher annual embodied impact than a ' +
        'professional desktop (211.5 kgCO2e over 6 years): the embodied effect of desktop → laptop can be an increase.',
    ],
  },
  {
    id: 'datacenter-pue',
    label: { fr: 'Efficacité énergétique des datacenters (PUE)', en: 'Datacenter efficiency (PUE)' },
    description: 'Bring every datacenter whose PUE is higher down to the target PUE.',
    formula: 'use, facility kWh and electricity € × pue / currentPue when pue < currentPue',
    euros: 'facility kWh saved × electricity tariff',
    parameters: [
      {
        name: 'pue',
        kind: 'number',
        unit: 'ratio',
        default: ARCEP_AVERAGE_PUE_2023,
        isRequired: false,
        minimum: 1,
        maximum: 5,
        description: 'target PUE',
        source:
          'Arcep "Pour un numérique soutenable" (April 2025 edition): French colocation average 1.46 in 2023',
      },
    ],
    example: 'datacenter-pue:pue=1.4',
    assumptions: [
      'Lines in a datacenter whose PUE is unknown use the referential default PUE (NumEcoEval 1.75) as current PUE.',
      'Only the use phase changes; the datacenter building and cooling equipment are not modelled.',
    ],
  },
  {
    id: 'server-consolidation',
    label: { fr: 'Consolidation des serveurs', en: 'Server consolidation' },
    description: 'Keep only a ratio of the physical servers (virtualisation, decommissioning idle servers).',
    formula: 'servers: every value × ratio',
    euros: '(1 − ratio) × servers / L × unit price + their electricity',
    parameters: [
      {
        name: 'ratio',
        kind: 'number',
        unit: 'ratio',
        default: null,
        isRequired: true,
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'share of the physical servers kept',
      },
    ],
    example: 'server-consolidation:ratio=0.7',
    assumptions: [
      'The remaining servers are assumed to draw the same power each: a busier server draws more, so the use ' +
        'saving is an upper bound.',
    ],
  },
  {
    id: 'printer-consolidation',
    label: { fr: 'Mutualisation des imprimantes', en: 'Printer consolidation' },
    description: 'Remove a share of the printers (shared multifunction devices, print policies).',
    formula: 'printers: every value × (1 − share)',
    euros: 'share × printers / L × unit price + their electricity',
    parameters: [
      {
        name: 'share',
        kind: 'number',
        unit: 'ratio',
        default: null,
        isRequired: true,
        minimum: 0,
        maximum: 1,
        description: 'share of the printers removed',
      },
    ],
    example: 'printer-consolidation:share=0.5',
    assumptions: [
      'The remaining printers are assumed to keep their own impact; paper and toner are not modelled.',
      "The default printer item is ADEME's home-printer scale: office printers have no open embodied figure.",
    ],
  },
  {
    id: 'cloud-region',
    label: { fr: 'Région cloud moins carbonée', en: 'Greener cloud region' },
    description:
      'Move hosted workloads (servers, storage, virtual machines in a datacenter or a cloud region) to a ' +
      "country whose electricity emits less, using the referential's grid factors per country.",
    formula:
      'use(criterion) × grid(country, criterion) / grid(current country, criterion); kWh and € unchanged',
    euros: 'none counted: the provider prices the region, not the grid',
    parameters: [
      {
        name: 'country',
        kind: 'country',
        unit: 'ISO 3166 code',
        default: null,
        isRequired: true,
        description: 'country of the target region, e.g. SE (Sweden) or FR (France)',
      },
      {
        name: 'categories',
        kind: 'categories',
        unit: 'categories',
        default: 'server+storage+virtual-machine',
        isRequired: false,
        description: CATEGORIES_HELP,
      },
    ],
    example: 'cloud-region:country=SE',
    assumptions: [
      "Grid factors are the referential's electricity mixes per country (annual averages); a provider's own " +
        'renewable contracts (market-based) are not counted.',
      'Only hosted lines (in a datacenter, or virtual machines) move; PUE, kWh and electricity € stay as they were.',
    ],
  },
]

/** The catalogue entry of a lever id. */
export function leverSpecOf(id: LeverId): LeverSpec {
  const spec = LEVER_CATALOGUE.find((entry) => entry.id === id)
  if (spec === undefined) throw new Error(`Lever catalogue: no entry for "${id}"`)
  return spec
}
