import { useEffect, useRef, useState, type ReactNode } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { exportUrl } from './api.js'
import { useDashboard, type Trace } from './context.js'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/** A figure the user can click to read its trace; `value` (raw, in the unit of the trace) is kept for tests. */
export function Figure(props: { testId: string; value: number; text: string; trace: Trace; large?: boolean }) {
  const { explain } = useDashboard()
  return (
    <button
      type="button"
      className={props.large ? 'figure large' : 'figure'}
      data-testid={props.testId}
      data-value={String(props.value)}
      title="↗ trace"
      onClick={() => explain(props.trace)}
    >
      {props.text}
    </button>
  )
}

/** What a click on a chart's item names: its series and category (ECharts' event, narrowed). */
export type ChartClick = { seriesName: string; seriesIndex: number; dataIndex: number; name: string }

/** An ECharts chart; `option` is replaced whenever it changes; `onClick` receives clicks on bars and points. */
export function Chart(props: {
  option: echarts.EChartsCoreOption
  height?: number
  testId?: string
  onClick?: (click: ChartClick) => void
}) {
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const onClick = useRef(props.onClick)
  onClick.current = props.onClick
  useEffect(() => {
    if (element.current === null) return undefined
    chart.current = echarts.init(element.current)
    chart.current.on('click', (event) => {
      const click = event as unknown as ChartClick
      onClick.current?.({
        seriesName: String(click.seriesName),
        seriesIndex: click.seriesIndex,
        dataIndex: click.dataIndex,
        name: String(click.name),
      })
    })
    const resize = () => chart.current?.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.current?.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(props.option, true)
  }, [props.option])
  return <div ref={element} data-testid={props.testId} style={{ width: '100%', height: props.height ?? 280 }} />
}

/** CSV and XLSX download links of a table (of the page's campaign unless `campaign` names one). */
export function ExportLinks(props: { table: string; organisation?: string | null; campaign?: number | null }) {
  const { t, campaign: pageCampaign } = useDashboard()
  const campaign = props.campaign === undefined ? pageCampaign : props.campaign
  return (
    <span className="exports">
      <a href={exportUrl(props.table, 'csv', campaign, props.organisation)} data-testid={`export-${props.table}-csv`}>
        ⤓ {t('exportCsv')}
      </a>{' '}
      <a href={exportUrl(props.table, 'xlsx', campaign, props.organisation)} data-testid={`export-${props.table}-xlsx`}>
        ⤓ {t('exportXlsx')}
      </a>
    </span>
  )
}

export function Section(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card">
      <header>
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  )
}

/** Runs `load` whenever `key` changes; shows loading and errors. */
export function useLoad<T>(load: () => Promise<T>, key: string): { data: T | null; error: string | null; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let isCurrent = true
    setState({ data: null, error: null })
    load().then(
      (data) => isCurrent && setState({ data, error: null }),
      (error: unknown) => isCurrent && setState({ data: null, error: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      isCurrent = false
    }
  }, [key, round])
  return { ...state, reload: () => setRound((value) => value + 1) }
}

export function Status(props: { error: string | null }) {
  const { t } = useDashboard()
  return props.error ? <p className="error" role="alert">{props.error}</p> : <p className="loading">{t('loading')}</p>
}
