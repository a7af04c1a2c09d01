import { api, apiUrl, type Footprint } from '../api.js'
import { Chart, ExportLinks, Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatNumber, formatShare, formatTonnes } from '../i18n.js'

/** Categories counted as workstations for the intensity per workstation (one seat each). */
const SEAT_CATEGORIES = ['laptop', 'desktop', 'thin-client']

type OverviewData = {
  byDomainPhase: Footprint
  byCategory: Footprint
  previous: Footprint | null
}

async function loadOverview(campaign: number | null): Promise<OverviewData> {
  const byDomainPhase = await api.footprint({ campaign, by: ['domain', 'phase'] })
  const [byCategory, previous] = await Promise.all([
    api.footprint({ campaign: byDomainPhase.campaign, by: ['category'] }),
    api.footprint({ campaign: byDomainPhase.campaign - 1 }).catch(() => null),
  ])
  return { byDomainPhase, byCategory, previous }
}

const sumBy = (rows: Footprint['breakdown'], key: 'domain' | 'phase') => {
  const sums = new Map<string, number>()
  for (const row of rows) sums.set(row[key] ?? '', (sums.get(row[key] ?? '') ?? 0) + row.climateKgCo2e)
  return [...sums.entries()].sort((left, right) => right[1] - left[1])
}

export function OverviewPage(props: { revision: number }) {
  const { t, label, locale, campaign } = useDashboard()
  const { data, error } = useLoad(() => loadOverview(campaign), `${campaign}-${props.revision}`)
  if (data === null) return <Status error={error} />
  const { byDomainPhase: footprint, byCategory, previous } = data
  const total = footprint.total.climateKgCo2e
  const source = apiUrl('/footprint', { campaign: footprint.campaign, by: 'domain,phase' })
  const seats = byCategory.breakdown
    .filter((row) => SEAT_CATEGORIES.includes(row.category ?? ''))
    .reduce((sum, row) => sum + row.quantity, 0)
  const domains = sumBy(footprint.breakdown, 'domain')
  const phases = sumBy(footprint.breakdown, 'phase')
  const barOption = (rows: [string, number][]) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 140, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', name: 'tCO2e' },
    yAxis: { type: 'category', data: rows.map(([id]) => label(id)).reverse() },
    series: [{ type: 'bar', data: rows.map(([, kg]) => Math.round(kg / 100) / 10).reverse(), itemStyle: { color: '#2f7d5b' } }],
  })
  const change = previous === null ? null : (total - previous.total.climateKgCo2e) / previous.total.climateKgCo2e
  return (
    <div className="page">
      <Section title={`${t('totalClimate')} — ${t('campaign')} ${footprint.campaign}`} actions={<ExportLinks table="footprint" />}>
        <Figure
          testId="overview-total"
          large
          value={total}
          text={formatTonnes(locale, total)}
          trace={{
            title: t('totalClimate'),
            value: `${formatNumber(locale, total, 0)} kgCO2e/yr`,
            formula:
              'Σ over assets of quantity × (manufacturing + distribution + end of life) ÷ lifetime + annual kWh × grid factor',
            inputs: [
              ['referential', footprint.referential],
              [t('assets'), formatNumber(locale, footprint.assets, 0)],
              [t('units'), formatNumber(locale, footprint.quantity, 0)],
              ['kWh/yr', formatNumber(locale, footprint.annualKwh, 0)],
            ],
            source,
          }}
        />
        <div className="figures">
          <div>
            <span className="caption">{t('perWorkstation')}</span>
            <Figure
              testId="overview-per-workstation"
              value={seats === 0 ? 0 : total / seats}
              text={seats === 0 ? '—' : `${formatNumber(locale, total / seats, 0)} kgCO2e`}
              trace={{
                title: t('perWorkstation'),
                value: seats === 0 ? '—' : `${formatNumber(locale, total / seats, 1)} kgCO2e/yr`,
                formula: 'total kgCO2e/yr ÷ (laptops + desktops + thin clients)',
                inputs: [
                  ['total kgCO2e/yr', formatNumber(locale, total, 0)],
                  [t('workstations'), formatNumber(locale, seats, 0)],
                ],
                source: apiUrl('/footprint', { campaign: footprint.campaign, by: 'category' }),
              }}
            />
          </div>
          <div>
            <span className="caption">{t('perEmployee')}</span>
            <span className="figure muted">— ({t('noHeadcount')})</span>
          </div>
          <div>
            <span className="caption">{t('yearOverYear')}</span>
            {previous === null || change === null ? (
              <span className="figure muted">{t('noPreviousCampaign')}</span>
            ) : (
              <Figure
                testId="overview-change"
                value={change}
                text={`${change > 0 ? '+' : ''}${formatShare(locale, change)}`}
                trace={{
                  title: t('yearOverYear'),
                  value: formatShare(locale, change),
                  formula: '(this campaign − previous campaign) ÷ previous campaign',
                  inputs: [
                    [String(footprint.campaign), formatTonnes(locale, total)],
                    [String(previous.campaign), formatTonnes(locale, previous.total.climateKgCo2e)],
                  ],
                  source: apiUrl('/footprint', { campaign: previous.campaign }),
                }}
              />
            )}
          </div>
        </div>
      </Section>
      <Section title={t('totalsByCriterion')}>
        <table>
          <tbody>
            {Object.entries(footprint.total.byCriterion).map(([criterion, value]) => (
              <tr key={criterion}>
                <th>{criterion}</th>
                <td className="n">
                  <Figure
                    testId={`criterion-${criterion}`}
                    value={value}
                    text={`${formatNumber(locale, value, 0)} ${footprint.units[criterion as keyof Footprint['units']] ?? ''}`}
                    trace={{
                      title: criterion,
                      value: `${formatNumber(locale, value, 3)} ${footprint.units[criterion as keyof Footprint['units']] ?? ''}`,
                      formula: 'Σ over assets and phases of the referential factor of this criterion (annualised)',
                      inputs: [['referential', footprint.referential]],
                      source,
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <div className="columns">
        <Section title={t('byDomain')}>
          <Chart option={barOption(domains)} testId="chart-domain" />
        </Section>
        <Section title={t('byPhase')}>
          <Chart option={barOption(phases)} testId="chart-phase" />
        </Section>
      </div>
    </div>
  )
}
