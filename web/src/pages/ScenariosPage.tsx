import { useEffect, useState } from 'react'
import { api, apiUrl, type Scenario } from '../api.js'
import { Chart, Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatEuros, formatNumber, formatShare, formatTonnes } from '../i18n.js'
import { SavedScenarios } from './SavedScenarios.js'

type Settings = { lifetimeYears: number; refurbishedPercent: number; isPowerOff: boolean }

/** The lever texts of the sliders (docs/methodology/levers.md), only those that change something. */
export function leversOf(settings: Settings): { all: string[]; trajectory: string[] } {
  const trajectory: string[] = []
  if (settings.lifetimeYears > 0)
    trajectory.push(`lifetime-extension:years=${settings.lifetimeYears},categories=laptop+desktop+monitor`)
  if (settings.isPowerOff) trajectory.push('power-off:policy=nights-weekends')
  const all = [...trajectory]
  if (settings.refurbishedPercent > 0)
    all.push(`refurbished-share:share=${settings.refurbishedPercent / 100},categories=laptop`)
  return { all, trajectory }
}

/** Waterfall: the baseline, each lever's saving as a step down, the scenario (tCO2e/yr). */
function waterfall(scenario: Scenario, labels: { baseline: string; scenario: string }, locale: 'en' | 'fr') {
  const names = [labels.baseline, ...scenario.byLever.map((effect) => effect.label[locale]), labels.scenario]
  const base: number[] = [0]
  const steps: number[] = [scenario.baseline.climateKgCo2e / 1000]
  let level = scenario.baseline.climateKgCo2e / 1000
  for (const effect of scenario.byLever) {
    const saved = effect.savings.climateKgCo2e / 1000
    level -= saved
    base.push(Math.min(level, level + saved))
    steps.push(Math.abs(saved))
  }
  base.push(0)
  steps.push(scenario.scenario.climateKgCo2e / 1000)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 60, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 15 } },
    yAxis: { type: 'value', name: 'tCO2e/yr' },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, tooltip: { show: false } },
      {
        type: 'bar',
        stack: 'w',
        data: steps.map((value, index) => ({
          value: Math.round(value * 10) / 10,
          itemStyle: { color: index === 0 || index === steps.length - 1 ? '#3b6ea5' : '#2f9d6b' },
        })),
      },
    ],
  }
}

export function ScenariosPage(props: { revision: number }) {
  const { t, locale, campaign } = useDashboard()
  const [settings, setSettings] = useState<Settings>({ lifetimeYears: 0, refurbishedPercent: 0, isPowerOff: false })
  // Sliders move fast: ask the server once the hand stops (300 ms).
  const [applied, setApplied] = useState(settings)
  useEffect(() => {
    const timer = window.setTimeout(() => setApplied(settings), 300)
    return () => window.clearTimeout(timer)
  }, [settings])
  const levers = leversOf(applied)
  const key = `${campaign}-${props.revision}-${levers.all.join('|')}`
  const scenario = useLoad(
    () => (levers.all.length === 0 ? Promise.resolve(null) : api.simulate({ campaign, lever: levers.all })),
    key,
  )
  const trajectory = useLoad(async () => {
    const footprint = await api.footprint({ campaign })
    return api.trajectory({ campaign: footprint.campaign, lever: levers.trajectory, to: footprint.campaign + 5 })
  }, key)
  const data = scenario.data
  return (
    <div className="page">
      <Section title={t('scenarios')}>
        <form className="sliders" onSubmit={(event) => event.preventDefault()}>
          <label>
            {t('lifetimeExtension')}: <strong>{settings.lifetimeYears}</strong>
            <input
              type="range"
              min={0}
              max={4}
              step={1}
              value={settings.lifetimeYears}
              data-testid="slider-lifetime"
              onChange={(event) => setSettings({ ...settings, lifetimeYears: Number(event.target.value) })}
            />
          </label>
          <label>
            {t('refurbishedShare')}: <strong>{settings.refurbishedPercent} %</strong>
            <input
              type="range"
              min={0}
              max={50}
              step={10}
              value={settings.refurbishedPercent}
              data-testid="slider-refurbished"
              onChange={(event) => setSettings({ ...settings, refurbishedPercent: Number(event.target.value) })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.isPowerOff}
              data-testid="toggle-power-off"
              onChange={(event) => setSettings({ ...settings, isPowerOff: event.target.checked })}
            />{' '}
            {t('powerOff')}
          </label>
        </form>
        {levers.all.length === 0 ? (
          <p className="muted">{t('noLever')}</p>
        ) : data === null ? (
          <Status error={scenario.error} />
        ) : (
          <div className="figures" data-testid="scenario-result" data-levers={data.levers.join('|')}>
            <div>
              <span className="caption">{t('baseline')}</span>
              <Figure
                testId="scenario-baseline"
                value={data.baseline.climateKgCo2e}
                text={formatTonnes(locale, data.baseline.climateKgCo2e)}
                trace={{
                  title: t('baseline'),
                  value: `${formatNumber(locale, data.baseline.climateKgCo2e, 0)} kgCO2e/yr`,
                  formula: 'the campaign footprint, every asset through the scenario calculator with no lever',
                  inputs: [
                    ['referential', data.referential],
                    ['kWh/yr', formatNumber(locale, data.baseline.annualKwh, 0)],
                    ['€/yr', formatEuros(locale, data.baseline.eurosPerYear)],
                  ],
                  source: apiUrl('/simulation', { campaign: data.campaign, lever: data.levers }),
                }}
              />
            </div>
            <div>
              <span className="caption">{t('savingPerYear')}</span>
              <Figure
                testId="scenario-saving"
                value={data.savings.climateKgCo2e}
                text={`${formatTonnes(locale, data.savings.climateKgCo2e)} (${formatShare(locale, data.savings.climateShare)})`}
                trace={{
                  title: t('savingPerYear'),
                  value: `${formatNumber(locale, data.savings.climateKgCo2e, 0)} kgCO2e/yr`,
                  formula: 'baseline − scenario; each lever applied after the previous ones',
                  inputs: [
                    ...data.byLever.map((effect): [string, string] => [
                      effect.text,
                      `${formatTonnes(locale, effect.savings.climateKgCo2e)} · ${formatNumber(locale, effect.affectedQuantity, 0)} ${t('units')}`,
                    ]),
                    ...data.assumptions.map((assumption): [string, string] => [t('assumptions'), assumption]),
                  ],
                  source: apiUrl('/simulation', { campaign: data.campaign, lever: data.levers }),
                }}
              />
            </div>
            <div>
              <span className="caption">€</span>
              <Figure
                testId="scenario-euros"
                value={data.savings.euros}
                text={`${formatEuros(locale, data.savings.euros)} / ${locale === 'fr' ? 'an' : 'yr'}`}
                trace={{
                  title: `${t('savingPerYear')} (€)`,
                  value: formatEuros(locale, data.savings.euros),
                  formula: 'purchases avoided × price + kWh saved × electricity price',
                  inputs: [
                    ['€ purchases', formatEuros(locale, data.baseline.purchaseEurosPerYear - data.scenario.purchaseEurosPerYear)],
                    ['€ electricity', formatEuros(locale, data.baseline.electricityEurosPerYear - data.scenario.electricityEurosPerYear)],
                  ],
                  source: apiUrl('/simulation', { campaign: data.campaign, lever: data.levers }),
                }}
              />
            </div>
          </div>
        )}
      </Section>
      {data && (
        <Section title={t('waterfall')}>
          <Chart option={waterfall(data, { baseline: t('baseline'), scenario: t('scenario') }, locale)} testId="chart-waterfall" />
        </Section>
      )}
      <SavedScenarios levers={levers.all} revision={props.revision} />
      <Section title={`${t('trajectory')} ${trajectory.data ? trajectory.data.campaign + 5 : ''}`}>
        {trajectory.data === null ? (
          <Status error={trajectory.error} />
        ) : (
          <>
            <Chart
              testId="chart-trajectory"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('baseline'), t('scenario'), `${t('cumulative')} (k€)`] },
                grid: { left: 60, right: 60, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: trajectory.data.baseline.map((year) => String(year.year)) },
                yAxis: [
                  { type: 'value', name: 'tCO2e/yr' },
                  { type: 'value', name: 'k€' },
                ],
                series: [
                  { name: t('baseline'), type: 'line', data: trajectory.data.baseline.map((year) => Math.round(year.amortisedKgCo2e / 100) / 10) },
                  { name: t('scenario'), type: 'line', data: trajectory.data.scenario.map((year) => Math.round(year.amortisedKgCo2e / 100) / 10) },
                  {
                    name: `${t('cumulative')} (k€)`,
                    type: 'bar',
                    yAxisIndex: 1,
                    data: trajectory.data.savings.map((year) => Math.round(year.cumulativeEuros / 100) / 10),
                    itemStyle: { color: '#c9a227' },
                  },
                ],
              }}
            />
            <p>
              {t('cumulative')}: <strong data-testid="trajectory-cumulative">{formatNumber(locale, trajectory.data.cumulative.amortisedTCo2e)} tCO2e</strong> ·{' '}
              <strong>{formatEuros(locale, trajectory.data.cumulative.euros)}</strong>
            </p>
          </>
        )}
      </Section>
    </div>
  )
}
