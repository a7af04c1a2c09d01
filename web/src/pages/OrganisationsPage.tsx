import { useState } from 'react'
import { allOrganisations, api, apiUrl, reportUrl, type Footprint, type Quality } from '../api.js'
import { Chart, ExportLinks, Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatNumber, formatTonnes } from '../i18n.js'

const SEPARATOR = ' > '
const SEAT_CATEGORIES = ['laptop', 'desktop', 'thin-client']

type BenchmarkRow = { organisation: string; climateKgCo2e: number; seats: number; score: number | null; assets: number }

/** Footprint and seats per organisation rolled up to `depth`, next to the quality score at the same depth. */
function benchmark(footprint: Footprint, quality: Quality, depth: number): BenchmarkRow[] {
  const rows = new Map<string, BenchmarkRow>()
  for (const row of footprint.breakdown) {
    const organisation = (row.organisation ?? '').split(SEPARATOR).slice(0, depth).join(SEPARATOR)
    const entry = rows.get(organisation) ?? { organisation, climateKgCo2e: 0, seats: 0, score: null, assets: 0 }
    entry.climateKgCo2e += row.climateKgCo2e
    entry.assets += row.assets
    if (SEAT_CATEGORIES.includes(row.category ?? '')) entry.seats += row.quantity
    rows.set(organisation, entry)
  }
  for (const row of quality.organisations) {
    const entry = rows.get(row.organisation)
    if (entry) entry.score = row.score
  }
  const intensity = (row: BenchmarkRow) => (row.seats === 0 ? Number.POSITIVE_INFINITY : row.climateKgCo2e / row.seats)
  return [...rows.values()].sort((left, right) => intensity(left) - intensity(right))
}

export function OrganisationsPage(props: { revision: number }) {
  const { t, label, locale, campaign } = useDashboard()
  const [selected, setSelected] = useState<string | null>(null)
  const [open, setOpen] = useState<Set<string>>(new Set())
  const [depth, setDepth] = useState(2)
  const tree = useLoad(() => allOrganisations(campaign), `${campaign}-${props.revision}`)
  const bench = useLoad(
    async () => {
      const footprint = await api.footprint({ campaign, by: ['organisation', 'category'] })
      const quality = await api.quality({ campaign: footprint.campaign, sample: 0, depth })
      return benchmark(footprint, quality, depth)
    },
    `${campaign}-${depth}-${props.revision}`,
  )
  const detail = useLoad(
    () => (selected === null ? Promise.resolve(null) : api.footprint({ campaign, by: ['domain'], organisation: selected })),
    `${campaign}-${selected}-${props.revision}`,
  )
  if (tree.data === null) return <Status error={tree.error} />
  const visible = tree.data.filter((node) => {
    if (node.parent === null) return true
    const ancestors = node.path.split(SEPARATOR)
    for (let index = 1; index < ancestors.length; index++) {
      if (!open.has(ancestors.slice(0, index).join(SEPARATOR))) return false
    }
    return true
  })
  const toggle = (path: string) => {
    const next = new Set(open)
    if (next.has(path)) next.delete(path)
    else next.add(path)
    setOpen(next)
    setSelected(path)
  }
  return (
    <div className="page">
      <div className="columns">
        <Section title={t('tree')} actions={<ExportLinks table="organisations" />}>
          <ul className="tree" data-testid="organisation-tree">
            {visible.map((node) => (
              <li key={node.path} style={{ paddingLeft: `${node.depth * 1.2}rem` }}>
                <button type="button" className={node.path === selected ? 'node selected' : 'node'} onClick={() => toggle(node.path)}>
                  {node.children > 0 ? (open.has(node.path) ? '▾ ' : '▸ ') : '· '}
                  {node.name}
                </button>{' '}
                <span className="muted">{formatNumber(locale, node.totalAssets, 0)}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section
          title={selected ?? t('organisation')}
          actions={
            selected && (
              <a href={reportUrl(selected, campaign)} target="_blank" rel="noreferrer" data-testid="report-link">
                🖶 {t('printableReport')}
              </a>
            )
          }
        >
          {selected === null ? (
            <p className="muted">{t('selectOrganisation')}</p>
          ) : detail.data ? (
            <>
              <Figure
                testId="organisation-total"
                large
                value={detail.data.total.climateKgCo2e}
                text={formatTonnes(locale, detail.data.total.climateKgCo2e)}
                trace={{
                  title: selected,
                  value: `${formatNumber(locale, detail.data.total.climateKgCo2e, 0)} kgCO2e/yr`,
                  formula: 'Σ over the assets of this organisation and below',
                  inputs: [
                    [t('assets'), formatNumber(locale, detail.data.assets, 0)],
                    ['referential', detail.data.referential],
                  ],
                  source: apiUrl('/footprint', { campaign: detail.data.campaign, by: 'domain', organisation: selected }),
                }}
              />
              <table>
                <tbody>
                  {detail.data.breakdown.map((row) => (
                    <tr key={row.domain}>
                      <th>{label(row.domain ?? '')}</th>
                      <td className="n">{formatTonnes(locale, row.climateKgCo2e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <Status error={detail.error} />
          )}
        </Section>
      </div>
      <Section
        title={t('benchmark')}
        actions={
          <label>
            {t('depth')}{' '}
            <select value={depth} onChange={(event) => setDepth(Number(event.target.value))}>
              {[1, 2, 3].map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
        }
      >
        {bench.data === null ? (
          <Status error={bench.error} />
        ) : (
          <>
            <Chart
              height={Math.max(200, Math.min(bench.data.length, 30) * 22)}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 220, right: 30, top: 10, bottom: 30 },
                xAxis: { type: 'value', name: t('intensityPerWorkstation') },
                yAxis: { type: 'category', data: bench.data.slice(0, 30).map((row) => row.organisation.split(SEPARATOR).pop()).reverse() },
                series: [
                  {
                    type: 'bar',
                    data: bench.data.slice(0, 30).map((row) => (row.seats === 0 ? 0 : row.climateKgCo2e / row.seats / 1000)).reverse(),
                    itemStyle: { color: '#3b6ea5' },
                  },
                ],
              }}
            />
            <table data-testid="benchmark-table">
              <thead>
                <tr>
                  <th>{t('rank')}</th>
                  <th>{t('organisation')}</th>
                  <th className="n">{t('climate')} (tCO2e/yr)</th>
                  <th className="n">{t('intensityPerWorkstation')}</th>
                  <th className="n">{t('qualityScore')} (/100)</th>
                </tr>
              </thead>
              <tbody>
                {bench.data.map((row, index) => (
                  <tr key={row.organisation}>
                    <td>{index + 1}</td>
                    <td>{row.organisation}</td>
                    <td className="n">{formatNumber(locale, row.climateKgCo2e / 1000)}</td>
                    <td className="n">{row.seats === 0 ? '—' : formatNumber(locale, row.climateKgCo2e / row.seats / 1000, 2)}</td>
                    <td className="n">{row.score === null ? '—' : formatNumber(locale, row.score, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Section>
    </div>
  )
}
