/**
 * Annual footprint of one option of a digital service, per tier (terminals, network, datacenter), phase and
 * criterion, every line with its trace; and the comparison of options. See docs/methodology/services.md.
 *   terminals, embodied: users × share × serviceHours × factor / (lifetimeYears × deviceHoursPerYear)
 *   terminals, use:      users × share × serviceHours × powerW / 1000 × electricityFactor
 *   network:             GB × kgCO2e/GB
 *   on-premises VM:      hostShare = count × vCPU / hostVcpu × hoursPerYear / 8760
 *                        embodied = hostShare × factor / lifetimeYears; use = hostShare × annualKwh × PUE × EF
 *   stored data:         storedGb = (initial + growth × retention) × copies; share = storedGb / bayGb
 *   cloud VM:            kWh = vCPU-h × (minW + u × (maxW − minW)) / 1000 + GB-h × kWh/GB-h; use = kWh × PUE × grid
 *                        embodied = count × hostEmbodied × hours / (lifetime × 8760) × vCPU / hostVcpu
 */
import { PHASE_IDS, type PhaseId } from '../inventory/categories.js'
import type { TraceInput } from '../footprint/trace.js'
import { embodiedImpact } from '../footprint/embodied.js'
import { resolveElectricityMix, useImpact } from '../footprint/use-phase.js'
import {
  CRITERIA,
  type CriterionId,
  type Factor,
  type Referential,
  type ReferenceItem,
} from '../referential/referential.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from '../scenarios/economic-assumptions.js'
import type { ServiceOption } from './service-description.js'
import {
  CLOUD_COEFFICIENTS,
  CLOUD_REGIONS,
  DATACENTER_HOSTS,
  HOURS_PER_YEAR,
  NETWORK_KG_CO2E_PER_GB,
  SERVICE_COSTS,
} from './service-factors.js'

export const SERVICE_TIERS = ['terminals', 'network', 'datacenter'] as const
export type ServiceTier = (typeof SERVICE_TIERS)[number]

/** One figure of an option: a component's impact for one phase and criterion, per year, with its trace. */
export type ServiceLine = {
  tier: ServiceTier
  component: string
  phase: PhaseId
  criterion: CriterionId
  value: number
  unit: string
  formula: string
  inputs: TraceInput[]
}

/** One cost of an option, euros per year, with its trace. */
export type CostLine = { component: string; euros: number; formula: string; inputs: TraceInput[] }

export type OptionEstimate = {
  name: string
  users: number
  transactionsPerYear: number | null
  climateKgCo2e: number
  climateKgCo2ePerUser: number
  climateKgCo2ePerTransaction: number | null
  byTier: Record<ServiceTier, { climateKgCo2e: number }>
  byPhase: Record<PhaseId, { climateKgCo2e: number }>
  byCriterion: Partial<Record<CriterionId, { value: number; unit: string; coverage: string }>>
  /** Electricity of the back-end (on premises, PUE included), kWh per year; terminals excluded. */
  backendKwhPerYear: number
  euros: {
    totalEuros: number
    electricityEuros: number
    equipmentEuros: number
    cloudEuros: number
    lines: CostLine[]
  }
  trace: { referential: string; lines: ServiceLine[]; defaultsAssumed: string[] }
}

const CLIMATE: CriterionId = 'climate-change'
const EMBODIED_PHASES = ['manufacturing', 'distribution', 'end-of-life'] as const

function input(
  name: string,
  value: number | string,
  unit: string,
  origin: TraceInput['origin'],
  factor?: Factor,
): TraceInput {
  return factor === undefined ? { name, value, unit, origin } : { name, value, unit, origin, factor }
}

function fromFactor(name: string, factor: Factor, origin: TraceInput['origin'] = 'referential'): TraceInput {
  return input(name, factor.value, factor.unit, origin, factor)
}

function itemOf(referential: Referential, category: ReferenceItem['category']): ReferenceItem {
  const item = referential.items.get(referential.defaultItemByCategory[category])
  if (item === undefined) throw new Error(`Referential ${referential.id}: no item for ${category}`)
  return item
}

/** Estimates one option of a service with the given referential (pure). */
export function estimateServiceOption(option: ServiceOption, referential: Referential): OptionEstimate {
  const lines: ServiceLine[] = []
  const costs: CostLine[] = []
  const defaults: string[] = []
  let backendKwh = 0
  let electricityEuros = 0
  let equipmentEuros = 0
  let cloudEuros = 0
  const tariff = option.costs.electricityEurosPerKwh ?? DEFAULT_ECONOMIC_ASSUMPTIONS.electricityEurosPerKwh
  const tariffInput = (): TraceInput =>
    option.costs.electricityEurosPerKwh === null
      ? input('electricityTariff', tariff, '€/kWh', 'default', {
          id: 'cost/electricity',
          value: tariff,
          unit: '€/kWh',
          source: DEFAULT_ECONOMIC_ASSUMPTIONS.source,
        })
      : input('electricityTariff', tariff, '€/kWh', 'inventory')
  if (option.costs.electricityEurosPerKwh === null) defaults.push(`electricity tariff ${tariff} €/kWh`)

  // Terminals: time share of each device over its life (NumEcoEval digital-service rule).
  const users = option.users
  const usersMix = resolveElectricityMix(referential, users.country)
  if (usersMix.isWorldFallback) defaults.push(`users' country ${users.country}: world electricity mix`)
  for (const terminal of users.terminals) {
    const item = itemOf(referential, terminal.type)
    const deviceHours = terminal.deviceHoursPerYear ?? HOURS_PER_YEAR
    if (terminal.deviceHoursPerYear === null) {
      defaults.push(
        `${terminal.type}: life spread over ${HOURS_PER_YEAR} h/yr (NumEcoEval digital-service rule)`,
      )
    }
    const devices = users.count * terminal.share
    const deviceYears = (devices * users.hoursPerYear) / deviceHours
    const common = [
      input('users', users.count, 'users', 'inventory'),
      input('share', terminal.share, 'ratio', 'inventory'),
      input('serviceHoursPerYear', users.hoursPerYear, 'h/yr', 'inventory'),
    ]
    for (const [criterion, factors] of Object.entries(item.embodied) as [
      CriterionId,
      NonNullable<ReferenceItem['embodied'][CriterionId]>,
    ][]) {
      for (const phase of EMBODIED_PHASES) {
        const factor = factors[phase]
        lines.push({
          tier: 'terminals',
          component: terminal.type,
          phase,
          criterion,
          value: embodiedImpact(deviceYears, factor.value, 1, item.lifetimeYears.value),
          unit: CRITERIA[criterion].unit + '/yr',
          formula: 'users × share × serviceHoursPerYear × factor / (lifetimeYears × deviceHoursPerYear)',
          inputs: [
            ...common,
            fromFactor('factor', factor),
            fromFactor('lifetimeYears', item.lifetimeYears),
            input(
              'deviceHoursPerYear',
              deviceHours,
              'h/yr',
              terminal.deviceHoursPerYear === null ? 'default' : 'inventory',
            ),
          ],
        })
      }
    }
    const kwh =
      item.powerWatts !== undefined
        ? (devices * users.hoursPerYear * item.powerWatts.value) / 1000
        : (devices * users.hoursPerYear * item.annualKwh.value) / deviceHours
    const power =
      item.powerWatts !== undefined
        ? fromFactor('powerWatts', item.powerWatts)
        : fromFactor('annualKwh', item.annualKwh)
    for (const [criterion, factor] of Object.entries(usersMix.mix?.factors ?? {}) as [
      CriterionId,
      Factor,
    ][]) {
      lines.push({
        tier: 'terminals',
        component: terminal.type,
        phase: 'use',
        criterion,
        value: useImpact(1, kwh, factor.value, 1, 1),
        unit: CRITERIA[criterion].unit + '/yr',
        formula:
          item.powerWatts !== undefined
            ? 'users × share × serviceHoursPerYear × powerWatts / 1000 × electricityFactor'
            : 'users × share × serviceHoursPerYear × annualKwh / deviceHoursPerYear × electricityFactor',
        inputs: [...common, power, fromFactor('electricityFactor', factor)],
      })
    }
  }

  // Network: per-GB factors of the ADEME/Arcep study.
  for (const traffic of option.network) {
    const factor = NETWORK_KG_CO2E_PER_GB[`${traffic.kind}-${traffic.zone}`]
    lines.push({
      tier: 'network',
      component: `${traffic.kind} ${traffic.zone}`,
      phase: 'use',
      criterion: CLIMATE,
      value: traffic.gbPerYear * factor.value,
      unit: 'kgCO2e/yr',
      formula: 'gbPerYear × kgCo2ePerGb',
      inputs: [
        input('gbPerYear', traffic.gbPerYear, 'GB/yr', 'inventory'),
        fromFactor('kgCo2ePerGb', factor),
      ],
    })
  }

  // Back-end.
  const hosting = option.hosting
  const storedGb =
    option.storage === null
      ? 0
      : (option.storage.initialGb + option.storage.growthGbPerYear * option.storage.retentionYears) *
        option.storage.copies
  const storageInputs =
    option.storage === null
      ? []
      : [
          input('initialGb', option.storage.initialGb, 'GB', 'inventory'),
          input('growthGbPerYear', option.storage.growthGbPerYear, 'GB/yr', 'inventory'),
          input('retentionYears', option.storage.retentionYears, 'years', 'inventory'),
          input('copies', option.storage.copies, 'copies', 'inventory'),
        ]
  if (hosting === null) {
    if (option.compute.length > 0 || storedGb > 0) {
      throw new Error(`Option "${option.name}": compute or storage needs a hosting (datacenter or cloud)`)
    }
  } else if (hosting.kind === 'datacenter') {
    const server = itemOf(referential, 'server')
    const bay = itemOf(referential, 'storage')
    const pue = hosting.pue ?? referential.hypotheses.defaultPue.value
    const pueInput =
      hosting.pue === null
        ? fromFactor('pue', referential.hypotheses.defaultPue, 'default')
        : input('pue', pue, 'ratio', 'inventory')
    if (hosting.pue === null) defaults.push(`datacenter PUE ${pue} (hypothesis)`)
    const mix = resolveElectricityMix(referential, hosting.country)
    if (mix.isWorldFallback) defaults.push(`datacenter country ${hosting.country}: world electricity mix`)
    const hostVcpu = hosting.hostVcpu ?? DATACENTER_HOSTS.hostVcpu.value
    const hostVcpuInput =
      hosting.hostVcpu === null
        ? fromFactor('hostVcpu', DATACENTER_HOSTS.hostVcpu, 'default')
        : input('hostVcpu', hostVcpu, 'vCPU', 'inventory')
    if (hosting.hostVcpu === null) defaults.push(`host server of ${hostVcpu} vCPU`)
    const bayGb = hosting.hostStorageGb ?? DATACENTER_HOSTS.hostStorageGb.value
    const bayInput =
      hosting.hostStorageGb === null
        ? fromFactor('bayGb', DATACENTER_HOSTS.hostStorageGb, 'default')
        : input('bayGb', bayGb, 'GB', 'inventory')
    const serverEuros =
      option.costs.serverEuros ?? DEFAULT_ECONOMIC_ASSUMPTIONS.unitPriceEurosByCategory.server ?? 0
    const bayEuros = option.costs.storageArrayEuros ?? SERVICE_COSTS.storageArrayEuros.value
    const parts: {
      component: string
      item: ReferenceItem
      share: number
      shareFormula: string
      shareInputs: TraceInput[]
      price: number
    }[] = []
    for (const vm of option.compute) {
      parts.push({
        component: vm.name,
        item: server,
        share: ((vm.count * vm.vcpu) / hostVcpu) * (vm.hoursPerYear / HOURS_PER_YEAR),
        shareFormula: 'count × vcpu / hostVcpu × hoursPerYear / 8760',
        shareInputs: [
          input('count', vm.count, 'VMs', 'inventory'),
          input('vcpu', vm.vcpu, 'vCPU', 'inventory'),
          hostVcpuInput,
          input('hoursPerYear', vm.hoursPerYear, 'h/yr', 'inventory'),
        ],
        price: serverEuros,
      })
    }
    if (storedGb > 0) {
      if (hosting.hostStorageGb === null) defaults.push(`storage bay of ${bayGb} GB`)
      parts.push({
        component: 'stored data',
        item: bay,
        share: storedGb / bayGb,
        shareFormula: '(initialGb + growthGbPerYear × retentionYears) × copies / bayGb',
        shareInputs: [...storageInputs, bayInput],
        price: bayEuros,
      })
    }
    for (const part of parts) {
      const shareInput = input('hostShare', part.share, 'ratio', 'computed')
      shareInput.note = `${part.shareFormula}`
      for (const [criterion, factors] of Object.entries(part.item.embodied) as [
        CriterionId,
        NonNullable<ReferenceItem['embodied'][CriterionId]>,
      ][]) {
        for (const phase of EMBODIED_PHASES) {
          const factor = factors[phase]
          lines.push({
            tier: 'datacenter',
            component: part.component,
            phase,
            criterion,
            value: embodiedImpact(part.share, factor.value, 1, part.item.lifetimeYears.value),
            unit: CRITERIA[criterion].unit + '/yr',
            formula: `hostShare × factor / lifetimeYears; hostShare = ${part.shareFormula}`,
            inputs: [
              ...part.shareInputs,
              shareInput,
              fromFactor('factor', factor),
              fromFactor('lifetimeYears', part.item.lifetimeYears),
            ],
          })
        }
      }
      const kwh = part.share * part.item.annualKwh.value * pue
      backendKwh += kwh
      for (const [criterion, factor] of Object.entries(mix.mix?.factors ?? {}) as [CriterionId, Factor][]) {
        lines.push({
          tier: 'datacenter',
          component: part.component,
          phase: 'use',
          criterion,
          value: useImpact(part.share, part.item.annualKwh.value, factor.value, pue, 1),
          unit: CRITERIA[criterion].unit + '/yr',
          formula: `hostShare × annualKwh × pue × electricityFactor; hostShare = ${part.shareFormula}`,
          inputs: [
            ...part.shareInputs,
            shareInput,
            fromFactor('annualKwh', part.item.annualKwh),
            pueInput,
            fromFactor('electricityFactor', factor),
          ],
        })
      }
      const priceInput =
        part.item === server
          ? option.costs.serverEuros === null
            ? input('unitPrice', part.price, '€', 'default', {
                id: 'cost/server',
                value: part.price,
                unit: '€',
                source: DEFAULT_ECONOMIC_ASSUMPTIONS.source,
              })
            : input('unitPrice', part.price, '€', 'inventory')
          : option.costs.storageArrayEuros === null
            ? fromFactor('unitPrice', SERVICE_COSTS.storageArrayEuros, 'default')
            : input('unitPrice', part.price, '€', 'inventory')
      const equipment = (part.share * part.price) / part.item.lifetimeYears.value
      equipmentEuros += equipment
      costs.push({
        component: `${part.component}: equipment`,
        euros: equipment,
        formula: 'hostShare × unitPrice / lifetimeYears',
        inputs: [shareInput, priceInput, fromFactor('lifetimeYears', part.item.lifetimeYears)],
      })
      electricityEuros += kwh * tariff
      costs.push({
        component: `${part.component}: electricity`,
        euros: kwh * tariff,
        formula: 'hostShare × annualKwh × pue × electricityTariff',
        inputs: [shareInput, fromFactor('annualKwh', part.item.annualKwh), pueInput, tariffInput()],
      })
    }
  } else {
    const region = CLOUD_REGIONS.get(hosting.region)
    if (region === undefined) {
      throw new Error(`Option "${option.name}": unknown cloud region "${hosting.region}"`)
    }
    const c = CLOUD_COEFFICIENTS
    const wattsPerVcpu =
      c.minWattsPerVcpu.value +
      c.averageCpuUtilisation.value * (c.maxWattsPerVcpu.value - c.minWattsPerVcpu.value)
    defaults.push(`cloud: ${c.averageCpuUtilisation.value * 100} % average CPU utilisation (CCF)`)
    const vcpuPrice = option.costs.cloudEurosPerVcpuHour ?? SERVICE_COSTS.cloudEurosPerVcpuHour.value
    const gbPrice = option.costs.cloudEurosPerGbMonth ?? SERVICE_COSTS.cloudEurosPerGbMonth.value
    for (const vm of option.compute) {
      const vcpuHours = vm.count * vm.vcpu * vm.hoursPerYear
      const gbHours = vm.count * vm.memoryGb * vm.hoursPerYear
      const kwh = (vcpuHours * wattsPerVcpu) / 1000 + gbHours * c.memoryKwhPerGbHour.value
      backendKwh += kwh * region.pue.value
      const vmInputs = [
        input('count', vm.count, 'VMs', 'inventory'),
        input('vcpu', vm.vcpu, 'vCPU', 'inventory'),
        input('memoryGb', vm.memoryGb, 'GB', 'inventory'),
        input('hoursPerYear', vm.hoursPerYear, 'h/yr', 'inventory'),
      ]
      lines.push({
        tier: 'datacenter',
        component: vm.name,
        phase: 'use',
        criterion: CLIMATE,
        value: kwh * region.pue.value * region.gridFactor.value,
        unit: 'kgCO2e/yr',
        formula:
          '(count × vcpu × hoursPerYear × (minWatts + utilisation × (maxWatts − minWatts)) / 1000 + ' +
          'count × memoryGb × hoursPerYear × memoryKwhPerGbHour) × pue × gridFactor',
        inputs: [
          ...vmInputs,
          fromFactor('minWatts', c.minWattsPerVcpu),
          fromFactor('maxWatts', c.maxWattsPerVcpu),
          fromFactor('utilisation', c.averageCpuUtilisation, 'default'),
          fromFactor('memoryKwhPerGbHour', c.memoryKwhPerGbHour),
          fromFactor('pue', region.pue),
          fromFactor('gridFactor', region.gridFactor),
        ],
      })
      lines.push({
        tier: 'datacenter',
        component: vm.name,
        phase: 'manufacturing',
        criterion: CLIMATE,
        value:
          (vm.count * c.hostEmbodiedKgCo2e.value * vm.hoursPerYear * vm.vcpu) /
          (c.hostLifetimeYears.value * HOURS_PER_YEAR * c.hostVcpu.value),
        unit: 'kgCO2e/yr',
        formula: 'count × hostEmbodied × hoursPerYear / (hostLifetimeYears × 8760) × vcpu / hostVcpu',
        inputs: [
          ...vmInputs,
          fromFactor('hostEmbodied', c.hostEmbodiedKgCo2e),
          fromFactor('hostLifetimeYears', c.hostLifetimeYears),
          fromFactor('hostVcpu', c.hostVcpu),
        ],
      })
      cloudEuros += vcpuHours * vcpuPrice
      costs.push({
        component: `${vm.name}: cloud instances`,
        euros: vcpuHours * vcpuPrice,
        formula: 'count × vcpu × hoursPerYear × eurosPerVcpuHour',
        inputs: [
          ...vmInputs.filter((item) => item.name !== 'memoryGb'),
          option.costs.cloudEurosPerVcpuHour === null
            ? fromFactor('eurosPerVcpuHour', SERVICE_COSTS.cloudEurosPerVcpuHour, 'default')
            : input('eurosPerVcpuHour', vcpuPrice, '€/vCPU-h', 'inventory'),
        ],
      })
    }
    if (storedGb > 0) {
      const kwh = ((storedGb / 1000) * c.ssdWhPerTbHour.value * HOURS_PER_YEAR) / 1000
      backendKwh += kwh * region.pue.value
      defaults.push('cloud storage: SSD; its embodied emissions are not counted (CCF method)')
      lines.push({
        tier: 'datacenter',
        component: 'stored data',
        phase: 'use',
        criterion: CLIMATE,
        value: kwh * region.pue.value * region.gridFactor.value,
        unit: 'kgCO2e/yr',
        formula:
          '(initialGb + growthGbPerYear × retentionYears) × copies / 1000 × ssdWhPerTbHour × 8760 / 1000 × pue × gridFactor',
        inputs: [
          ...storageInputs,
          fromFactor('ssdWhPerTbHour', c.ssdWhPerTbHour),
          fromFactor('pue', region.pue),
          fromFactor('gridFactor', region.gridFactor),
        ],
      })
      cloudEuros += storedGb * gbPrice * 12
      costs.push({
        component: 'stored data: cloud storage',
        euros: storedGb * gbPrice * 12,
        formula: '(initialGb + growthGbPerYear × retentionYears) × copies × eurosPerGbMonth × 12',
        inputs: [
          ...storageInputs,
          option.costs.cloudEurosPerGbMonth === null
            ? fromFactor('eurosPerGbMonth', SERVICE_COSTS.cloudEurosPerGbMonth, 'default')
            : input('eurosPerGbMonth', gbPrice, '€/GB-month', 'inventory'),
        ],
      })
    }
  }
  return summarise(option, referential, lines, costs, defaults, backendKwh, {
    electricityEuros,
    equipmentEuros,
    cloudEuros,
  })
}

function summarise(
  option: ServiceOption,
  referential: Referential,
  lines: ServiceLine[],
  costs: CostLine[],
  defaults: string[],
  backendKwh: number,
  euros: { electricityEuros: number; equipmentEuros: number; cloudEuros: number },
): OptionEstimate {
  const byTier = Object.fromEntries(
    SERVICE_TIERS.map((tier) => [tier, { climateKgCo2e: 0 }]),
  ) as OptionEstimate['byTier']
  const byPhase = Object.fromEntries(
    PHASE_IDS.map((phase) => [phase, { climateKgCo2e: 0 }]),
  ) as OptionEstimate['byPhase']
  const byCriterion: OptionEstimate['byCriterion'] = {}
  const tiersByCriterion = new Map<CriterionId, Set<ServiceTier>>()
  for (const line of lines) {
    const entry = (byCriterion[line.criterion] ??= {
      value: 0,
      unit: CRITERIA[line.criterion].unit,
      coverage: '',
    })
    entry.value += line.value
    const tiers = tiersByCriterion.get(line.criterion) ?? new Set<ServiceTier>()
    tiers.add(line.tier)
    tiersByCriterion.set(line.criterion, tiers)
    if (line.criterion !== CLIMATE) continue
    byTier[line.tier].climateKgCo2e += line.value
    byPhase[line.phase].climateKgCo2e += line.value
  }
  for (const [criterion, tiers] of tiersByCriterion) {
    const entry = byCriterion[criterion]
    if (entry !== undefined) entry.coverage = [...tiers].join(', ')
  }
  const climate = byCriterion[CLIMATE]?.value ?? 0
  const users = option.users.count
  return {
    name: option.name,
    users,
    transactionsPerYear: option.transactionsPerYear,
    climateKgCo2e: climate,
    climateKgCo2ePerUser: users > 0 ? climate / users : 0,
    climateKgCo2ePerTransaction:
      option.transactionsPerYear !== null && option.transactionsPerYear > 0
        ? climate / option.transactionsPerYear
        : null,
    byTier,
    byPhase,
    byCriterion,
    backendKwhPerYear: backendKwh,
    euros: {
      totalEuros: euros.electricityEuros + euros.equipmentEuros + euros.cloudEuros,
      ...euros,
      lines: costs,
    },
    trace: {
      referential: `${referential.id}@${referential.version}`,
      lines,
      defaultsAssumed: [...new Set(defaults)],
    },
  }
}
