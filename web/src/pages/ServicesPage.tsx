import { useEffect, useMemo, useState } from 'react'
import { api, type ServiceComparison, type ServiceOptionResult } from '../api.js'
import { Chart, Figure, Section } from '../components.js'
import { useDashboard, type Trace, type TraceLine } from '../context.js'
import { ProjectsTab } from './ProjectsTab.js'
import { formatEuros, formatNumber, translate, type Label, type Locale } from '../i18n.js'

/** Terminal types and cloud regions the service description accepts (docs/services.md). */
export const TERMINAL_TYPES = ['laptop', 'desktop', 'monitor', 'smartphone', 'tablet', 'thin-client'] as const
export const CLOUD_REGIONS = [
  'aws/eu-west-3',
  'aws/eu-central-1',
  'aws/eu-west-1',
  'azure/francecentral',
  'azure/westeurope',
  'azure/northeurope',
  'gcp/europe-west1',
  'gcp/europe-west4',
] as const
const TIERS = ['terminals', 'network', 'datacenter'] as const
type Tier = (typeof TIERS)[number]
const TIER_COLOURS: Record<Tier, string> = { terminals: '#3b6ea5', network: '#c9a227', datacenter: '#2f9d6b' }

type Vm = { name: string; count: number; vcpu: number; memoryGb: number }
export type OptionForm = {
  name: string
  hosting: 'datacenter' | 'cloud'
  pue: number
  country: string
  region: string
  vms: Vm[]
  initialGb: number
  growthGbPerYear: number
  retentionYears: number
  copies: number
}
export type ServiceForm = {
  service: string
  users: number
  hoursPerYear: number
  /** Share of the users on each terminal type, in percent (0 = none). */
  terminalPercent: Record<(typeof TERMINAL_TYPES)[number], number>
  /** GB per year over each kind of network and zone. */
  network: { fixedFR: number; fixedEU: number; mobileFR: number; mobileEU: number }
  transactionsPerYear: number
  options: OptionForm[]
}

const PORTAL_VMS: Vm[] = [
  { name: 'web', count: 2, vcpu: 4, memoryGb: 8 },
  { name: 'database', count: 1, vcpu: 8, memoryGb: 32 },
]

/** The first form: the portal of docs/examples/service-portal.yaml, three of its options. */
export const INITIAL_FORM: ServiceForm = {
  service: 'Portail agents',
  users: 8000,
  hoursPerYear: 120,
  terminalPercent: { laptop: 80, desktop: 20, monitor: 100, smartphone: 0, tablet: 0, 'thin-client': 0 },
  network: { fixedFR: 40000, fixedEU: 0, mobileFR: 0, mobileEU: 0 },
  transactionsPerYear: 2000000,
  options: [
    {
      name: 'on-premises',
      hosting: 'datacenter',
      pue: 1.6,
      country: 'FR',
      region: 'aws/eu-west-3',
      vms: PORTAL_VMS,
      initialGb: 200,
      growthGbPerYear: 150,
      retentionYears: 5,
      copies: 2,
    },
    {
      name: 'cloud-paris',
      hosting: 'cloud',
      pue: 1.6,
      country: 'FR',
      region: 'aws/eu-west-3',
      vms: PORTAL_VMS,
      initialGb: 200,
      growthGbPerYear: 150,
      retentionYears: 5,
      copies: 2,
    },
    {
      name: 'on-premises-short-retention',
      hosting: 'datacenter',
      pue: 1.6,
      country: 'FR',
      region: 'aws/eu-west-3',
      vms: PORTAL_VMS,
      initialGb: 200,
      growthGbPerYear: 150,
      retentionYears: 1,
      copies: 2,
    },
  ],
}

/** The service description (docs/services.md) of the form: shared users and network, each option's back-end. */
export function toDescription(form: ServiceForm): Record<string, unknown> {
  const network: { gbPerYear: number; kind: 'fixed' | 'mobile'; zone: 'FR' | 'EU' }[] = []
  for (const kind of ['fixed', 'mobile'] as const)
    for (const zone of ['FR', 'EU'] as const) {
      const gbPerYear = form.network[`${kind}${zone}`]
      if (gbPerYear > 0) network.push({ gbPerYear, kind, zone })
    }
  return {
    service: form.service,
    users: {
      count: form.users,
      hoursPerYear: form.hoursPerYear,
      terminals: TERMINAL_TYPES.filter((type) => form.terminalPercent[type] > 0).map((type) => ({
        type,
        share: form.terminalPercent[type] / 100,
      })),
    },
    network,
    ...(form.transactionsPerYear > 0 ? { transactionsPerYear: form.transactionsPerYear } : {}),
    options: form.options.map((option) => ({
      name: option.name,
      hosting:
        option.hosting === 'datacenter'
          ? { kind: 'datacenter', pue: option.pue, country: option.country }
          : { kind: 'cloud', region: option.region },
      compute: option.vms.map((vm) => ({ ...vm })),
      storage: {
        initialGb: option.initialGb,
        growthGbPerYear: option.growthGbPerYear,
        retentionYears: option.retentionYears,
        copies: option.copies,
      },
    })),
  }
}

const perUserUnit = (t: (key: Label) => string) => `kgCO2e/${t('user')}/${t('year')}`

/** The trace of one tier of one option: its calculation lines (climate change), each with formula and inputs. */
function tierTrace(option: ServiceOptionResult, tier: Tier, locale: Locale, t: (key: Label) => string): Trace {
  const lines: TraceLine[] = option.trace.lines
    .filter((line) => line.tier === tier && line.criterion === 'climate-change')
    .map((line) => ({
      label: `${line.component} · ${translate(locale, line.phase)}`,
      value: `${formatNumber(locale, line.value, 1)} ${line.unit}`,
      formula: line.formula,
      inputs: line.inputs.map(
        (input) =>
          `${input.name} = ${typeof input.value === 'number' ? formatNumber(locale, input.value, input.value % 1 === 0 ? 0 : 3) : String(input.value)} ${input.unit}`,
      ),
    }))
  const kg = option.byTier[tier].climateKgCo2e
  return {
    title: `${option.name} — ${t(tier)}`,
    value: `${formatNumber(locale, kg, 1)} kgCO2e/${t('year')} · ${formatNumber(locale, kg / option.users, 3)} ${perUserUnit(t)}`,
    formula: `Σ ${t('calculationLines')} (${t(tier)}, climate change)`,
    inputs: [
      ['referential', option.trace.referential],
      ...option.trace.defaultsAssumed.map((text): [string, string] => [t('defaultsAssumed'), text]),
    ],
    source: 'POST /api/services/estimate',
    lines,
  }
}

function costTrace(option: ServiceOptionResult, locale: Locale, t: (key: Label) => string): Trace {
  return {
    title: `${option.name} — €`,
    value: `${formatEuros(locale, option.euros.totalEuros)} / ${t('year')}`,
    formula: 'electricity + equipment (server and storage shares over their lifetime) + cloud',
    inputs: [
      ['€ electricity', formatEuros(locale, option.euros.electricityEuros)],
      ['€ equipment', formatEuros(locale, option.euros.equipmentEuros)],
      ['€ cloud', formatEuros(locale, option.euros.cloudEuros)],
      ['kWh/yr', formatNumber(locale, option.backendKwhPerYear, 0)],
    ],
    source: 'POST /api/services/estimate',
    lines: option.euros.lines.map((line) => ({
      label: line.component,
      value: formatEuros(locale, line.euros),
      formula: line.formula,
      inputs: line.inputs.map(
        (input) =>
          `${input.name} = ${typeof input.value === 'number' ? formatNumber(locale, input.value, input.value % 1 === 0 ? 0 : 3) : String(input.value)} ${input.unit}`,
      ),
    })),
  }
}

function NumberInput(props: {
  label: string
  value: number
  onChange: (value: number) => void
  testId?: string
  step?: number
  min?: number
}) {
  return (
    <label>
      <span>{props.label}</span>
      <input
        type="number"
        value={Number.isFinite(props.value) ? props.value : ''}
        step={props.step ?? 'any'}
        min={props.min ?? 0}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))}
      />
    </label>
  )
}

function OptionEditor(props: {
  option: OptionForm
  index: number
  onChange: (option: OptionForm) => void
  onRemove: (() => void) | null
}) {
  const { t } = useDashboard()
  const { option, index } = props
  const set = (patch: Partial<OptionForm>) => props.onChange({ ...option, ...patch })
  const setVm = (vmIndex: number, patch: Partial<Vm>) =>
    set({ vms: option.vms.map((vm, at) => (at === vmIndex ? { ...vm, ...patch } : vm)) })
  return (
    <fieldset className="option" data-testid={`service-option-${index}`}>
      <legend>
        <input
          value={option.name}
          aria-label={t('optionName')}
          data-testid={`service-option-name-${index}`}
          onChange={(event) => set({ name: event.target.value })}
        />
        {props.onRemove && (
          <button type="button" onClick={props.onRemove}>
            {t('remove')}
          </button>
        )}
      </legend>
      <div className="fields">
        <label>
          <span>{t('hosting')}</span>
          <select
            value={option.hosting}
            data-testid={`service-hosting-${index}`}
            onChange={(event) => set({ hosting: event.target.value as OptionForm['hosting'] })}
          >
            <option value="datacenter">{t('onPremises')}</option>
            <option value="cloud">{t('cloud')}</option>
          </select>
        </label>
        {option.hosting === 'datacenter' ? (
          <>
            <NumberInput label="PUE" value={option.pue} step={0.05} min={1} onChange={(pue) => set({ pue })} />
            <label>
              <span>{t('country')}</span>
              <input
                value={option.country}
                maxLength={2}
                size={3}
                onChange={(event) => set({ country: event.target.value.toUpperCase() })}
              />
            </label>
          </>
        ) : (
          <label>
            <span>{t('region')}</span>
            <select value={option.region} onChange={(event) => set({ region: event.target.value })}>
              {CLOUD_REGIONS.map((region) => (
                <option key={region} value={region}>
                  {region}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <table className="vms">
        <thead>
          <tr>
            <th>{t('virtualMachines')}</th>
            <th className="n">{t('count')}</th>
            <th className="n">vCPU</th>
            <th className="n">{t('memory')} (GB)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {option.vms.map((vm, vmIndex) => (
            <tr key={vmIndex}>
              <td>
                <input value={vm.name} size={8} onChange={(event) => setVm(vmIndex, { name: event.target.value })} />
              </td>
              {(['count', 'vcpu', 'memoryGb'] as const).map((field) => (
                <td key={field} className="n">
                  <input
                    type="number"
                    min={0}
                    value={Number.isFinite(vm[field]) ? vm[field] : ''}
                    data-testid={`service-vm-${field}-${index}-${vmIndex}`}
                    onChange={(event) => setVm(vmIndex, { [field]: Number(event.target.value) })}
                  />
                </td>
              ))}
              <td>
                <button type="button" onClick={() => set({ vms: option.vms.filter((_, at) => at !== vmIndex) })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => set({ vms: [...option.vms, { name: `vm-${option.vms.length + 1}`, count: 1, vcpu: 2, memoryGb: 4 }] })}
      >
        + {t('addVm')}
      </button>
      <div className="fields">
        <NumberInput label={`${t('storage')} (GB)`} value={option.initialGb} onChange={(initialGb) => set({ initialGb })} />
        <NumberInput
          label={`${t('growth')} (GB/${t('year')})`}
          value={option.growthGbPerYear}
          onChange={(growthGbPerYear) => set({ growthGbPerYear })}
        />
        <NumberInput
          label={`${t('retention')} (${t('years')})`}
          value={option.retentionYears}
          testId={`service-retention-${index}`}
          onChange={(retentionYears) => set({ retentionYears })}
        />
        <NumberInput label={t('copies')} value={option.copies} min={1} onChange={(copies) => set({ copies })} />
      </div>
    </fieldset>
  )
}

function ServiceEditor(props: { form: ServiceForm; onChange: (form: ServiceForm) => void }) {
  const { t, label } = useDashboard()
  const { form } = props
  const set = (patch: Partial<ServiceForm>) => props.onChange({ ...form, ...patch })
  return (
    <>
      <div className="fields">
        <label>
          <span>{t('serviceName')}</span>
          <input value={form.service} onChange={(event) => set({ service: event.target.value })} />
        </label>
        <NumberInput
          label={t('userCount')}
          value={form.users}
          min={1}
          testId="service-users"
          onChange={(users) => set({ users })}
        />
        <NumberInput
          label={`${t('hoursPerUser')} (h/${t('year')})`}
          value={form.hoursPerYear}
          testId="service-hours"
          onChange={(hoursPerYear) => set({ hoursPerYear })}
        />
        <NumberInput
          label={`${t('transactions')} (/${t('year')})`}
          value={form.transactionsPerYear}
          onChange={(transactionsPerYear) => set({ transactionsPerYear })}
        />
      </div>
      <h3>{t('terminalMix')} (% {t('ofUsers')})</h3>
      <div className="fields">
        {TERMINAL_TYPES.map((type) => (
          <NumberInput
            key={type}
            label={label(type)}
            value={form.terminalPercent[type]}
            testId={`service-terminal-${type}`}
            onChange={(value) => set({ terminalPercent: { ...form.terminalPercent, [type]: value } })}
          />
        ))}
      </div>
      <h3>{t('networkTraffic')} (GB/{t('year')})</h3>
      <div className="fields">
        {(['fixedFR', 'fixedEU', 'mobileFR', 'mobileEU'] as const).map((key) => (
          <NumberInput
            key={key}
            label={`${t(key.startsWith('fixed') ? 'fixedNetwork' : 'mobileNetwork')} ${key.slice(-2)}`}
            value={form.network[key]}
            testId={`service-network-${key}`}
            onChange={(value) => set({ network: { ...form.network, [key]: value } })}
          />
        ))}
      </div>
      <h3>{t('architectureOptions')}</h3>
      <div className="options">
        {form.options.map((option, index) => (
          <OptionEditor
            key={index}
            option={option}
            index={index}
            onChange={(changed) => set({ options: form.options.map((other, at) => (at === index ? changed : other)) })}
            onRemove={
              form.options.length > 1 ? () => set({ options: form.options.filter((_, at) => at !== index) }) : null
            }
          />
        ))}
      </div>
      <button
        type="button"
        data-testid="service-add-option"
        onClick={() => {
          const last = form.options[form.options.length - 1]!
          set({ options: [...form.options, { ...last, name: `option-${form.options.length + 1}` }] })
        }}
      >
        + {t('addOption')}
      </button>
    </>
  )
}

function ServiceResults(props: { result: ServiceComparison; description: string }) {
  const { t, locale, label, explain } = useDashboard()
  const { result } = props
  const names = result.options.map((option) => (option.isBest ? `★ ${option.name}` : option.name))
  const perUser = perUserUnit(t)
  const tierChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: TIERS.map((tier) => label(tier)) },
      grid: { left: 70, right: 20, top: 50, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 10 } },
      yAxis: { type: 'value', name: perUser },
      series: TIERS.map((tier) => ({
        name: label(tier),
        type: 'bar',
        stack: 'tiers',
        itemStyle: { color: TIER_COLOURS[tier] },
        data: result.options.map((option) => Math.round((option.byTier[tier].climateKgCo2e / option.users) * 1000) / 1000),
      })),
    }),
    [result, locale],
  )
  const sideBySide = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [`${t('climatePerUser')} (${perUser})`, `${t('cost')} (€/${t('year')})`] },
      grid: { left: 70, right: 80, top: 50, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 10 } },
      yAxis: [
        { type: 'value', name: perUser },
        { type: 'value', name: `€/${t('year')}` },
      ],
      series: [
        {
          name: `${t('climatePerUser')} (${perUser})`,
          type: 'bar',
          data: result.options.map((option) => ({
            value: Math.round(option.climateKgCo2ePerUser * 1000) / 1000,
            itemStyle: { color: option.isBest ? '#1f7a4d' : '#7fb89a' },
          })),
        },
        {
          name: `${t('cost')} (€/${t('year')})`,
          type: 'bar',
          yAxisIndex: 1,
          data: result.options.map((option) => Math.round(option.euros.totalEuros)),
          itemStyle: { color: '#c9a227' },
        },
      ],
    }),
    [result, locale],
  )
  return (
    <div data-testid="service-result" data-description={props.description}>
      <p className="best" data-testid="service-best" data-best={result.best.name}>
        ★ <strong>{result.best.name}</strong> — {result.best.why}
      </p>
      <table data-testid="service-table">
        <thead>
          <tr>
            <th>{t('option')}</th>
            <th className="n">
              {t('climatePerUser')} ({perUser})
            </th>
            <th className="n">{t('climate')} (tCO2e/{t('year')})</th>
            <th className="n">
              {t('perTransaction')} (gCO2e)
            </th>
            <th className="n">
              {t('cost')} (€/{t('year')})
            </th>
            <th className="n">
              {t('versusBest')} ({perUser})
            </th>
          </tr>
        </thead>
        <tbody>
          {result.options.map((option, index) => (
            <tr key={option.name} className={option.isBest ? 'best' : ''} data-testid={`service-row-${index}`}>
              <td>{option.isBest ? `★ ${option.name}` : option.name}</td>
              <td className="n">
                <Figure
                  testId={`service-per-user-${index}`}
                  value={option.climateKgCo2ePerUser}
                  text={`${formatNumber(locale, option.climateKgCo2ePerUser, 3)} ${perUser}`}
                  trace={{
                    title: `${option.name} — ${t('climatePerUser')}`,
                    value: `${formatNumber(locale, option.climateKgCo2ePerUser, 4)} ${perUser}`,
                    formula: '(terminals + network + datacenter) kgCO2e/yr ÷ users',
                    inputs: [
                      ...TIERS.map((tier): [string, string] => [
                        label(tier),
                        `${formatNumber(locale, option.byTier[tier].climateKgCo2e, 1)} kgCO2e/${t('year')}`,
                      ]),
                      [t('userCount'), formatNumber(locale, option.users, 0)],
                      ['referential', option.trace.referential],
                    ],
                    source: 'POST /api/services/estimate',
                  }}
                />
              </td>
              <td className="n">{formatNumber(locale, option.climateKgCo2e / 1000, 2)} tCO2e</td>
              <td className="n">
                {option.climateKgCo2ePerTransaction === null
                  ? '—'
                  : `${formatNumber(locale, option.climateKgCo2ePerTransaction * 1000, 2)} gCO2e`}
              </td>
              <td className="n">
                <Figure
                  testId={`service-euros-${index}`}
                  value={option.euros.totalEuros}
                  text={formatEuros(locale, option.euros.totalEuros)}
                  trace={costTrace(option, locale, t)}
                />
              </td>
              <td className="n">
                {option.isBest
                  ? '—'
                  : `+${formatNumber(locale, option.deltaVsBest.climateKgCo2ePerUser, 3)} kgCO2e · ${
                      option.deltaVsBest.euros >= 0 ? '+' : ''
                    }${formatEuros(locale, option.deltaVsBest.euros)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="columns">
        <div>
          <h3>
            {t('byTier')} ({perUser})
          </h3>
          <Chart
            testId="chart-service-tiers"
            option={tierChart}
            onClick={(click) => {
              const option = result.options[click.dataIndex]
              const tier = TIERS[click.seriesIndex]
              if (option && tier) explain(tierTrace(option, tier, locale, t))
            }}
          />
        </div>
        <div>
          <h3>
            {t('climatePerUser')} · {t('cost')}
          </h3>
          <Chart
            testId="chart-service-compare"
            option={sideBySide}
            onClick={(click) => {
              const option = result.options[click.dataIndex]
              if (option === undefined) return
              explain(
                click.seriesIndex === 1
                  ? costTrace(option, locale, t)
                  : tierTrace(option, TIERS.reduce((a, b) => (option.byTier[a].climateKgCo2e >= option.byTier[b].climateKgCo2e ? a : b)), locale, t),
              )
            }}
          />
        </div>
      </div>
      <p className="muted">
        {t('referential')}: {result.referential}. {t('serviceNote')}
      </p>
    </div>
  )
}

/** Digital services (docs/services.md): describe a service, compare its architecture options. */
export function ServicesPage() {
  const { t } = useDashboard()
  const [form, setForm] = useState<ServiceForm>(INITIAL_FORM)
  const [state, setState] = useState<{
    result: ServiceComparison | null
    description: string
    error: string | null
    isRunning: boolean
  }>({ result: null, description: '', error: null, isRunning: false })
  const description = useMemo(() => JSON.stringify(toDescription(form)), [form])
  const run = (text: string) => {
    setState((previous) => ({ ...previous, isRunning: true }))
    api.estimateService(JSON.parse(text) as unknown).then(
      (result) => setState({ result, description: text, error: null, isRunning: false }),
      (error: unknown) =>
        setState((previous) => ({
          ...previous,
          error: error instanceof Error ? error.message : String(error),
          isRunning: false,
        })),
    )
  }
  // Estimate again once the hand stops typing (600 ms).
  useEffect(() => {
    const timer = window.setTimeout(() => run(description), 600)
    return () => window.clearTimeout(timer)
  }, [description])
  const [tab, setTab] = useState<'estimate' | 'projects'>('estimate')
  return (
    <div className="page services">
      <nav className="tabs">
        {(['estimate', 'projects'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className={name === tab ? 'active' : ''}
            data-testid={`services-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(name === 'estimate' ? 'estimateTab' : 'projectsTab')}
          </button>
        ))}
      </nav>
      {tab === 'projects' && (
        <Section title={t('projectsTab')}>
          <ProjectsTab description={description} />
        </Section>
      )}
      <Section title={t('services')}>
        <form
          className="service-form"
          data-testid="service-form"
          onSubmit={(event) => {
            event.preventDefault()
            run(description)
          }}
        >
          <ServiceEditor form={form} onChange={setForm} />
          <p>
            <button type="submit" data-testid="service-estimate">
              {t('estimate')}
            </button>{' '}
            {state.isRunning && <span className="loading">{t('loading')}</span>}
          </p>
        </form>
        {state.error && (
          <p className="error" role="alert" data-testid="service-error">
            {state.error}
          </p>
        )}
      </Section>
      {tab === 'estimate' && state.result && (
        <Section title={`${t('comparison')} — ${state.result.service}`}>
          <ServiceResults result={state.result} description={state.description} />
        </Section>
      )}
    </div>
  )
}
