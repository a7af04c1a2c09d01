import { useState } from 'react'
import { api, type Explanation } from './api.js'
import { useDashboard, type Trace } from './context.js'

/** The side panel that shows the trace of the figure clicked, and an asset's full trace on demand. */
export function TracePanel(props: { trace: Trace | null; onClose: () => void }) {
  const { t } = useDashboard()
  if (props.trace === null) return null
  const trace = props.trace
  return (
    <aside className="trace" data-testid="trace-panel" aria-label={t('traceTitle')}>
      <header>
        <h2>{t('traceTitle')}</h2>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </header>
      <p className="trace-title">{trace.title}</p>
      <p className="trace-value">{trace.value}</p>
      <h3>{t('formula')}</h3>
      <code className="formula">{trace.formula}</code>
      <h3>{t('inputs')}</h3>
      <dl>
        {trace.inputs.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {trace.lines && trace.lines.length > 0 && (
        <>
          <h3>{t('calculationLines')}</h3>
          <ol className="trace-lines" data-testid="trace-lines">
            {trace.lines.map((line, index) => (
              <li key={index}>
                <strong>{line.label}</strong>: {line.value}
                <code className="formula">{line.formula}</code>
                <small>{line.inputs.join(' · ')}</small>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>{t('source')}</h3>
      {trace.source.startsWith('/') ? (
        <a href={trace.source} target="_blank" rel="noreferrer">
          <code>{trace.source}</code>
        </a>
      ) : (
        // A request that is not a link (POST with the figures' description as its body).
        <code>{trace.source}</code>
      )}
      <AssetTrace key={trace.asset ?? ''} initial={trace.asset ?? ''} />
    </aside>
  )
}

/** Looks up one asset's trace: reference item, lifetime, factors per phase with their sources, defaults. */
export function AssetTrace(props: { initial: string }) {
  const { t, campaign } = useDashboard()
  const [key, setKey] = useState(props.initial)
  const [result, setResult] = useState<{ explanation: Explanation | null; error: string | null }>({
    explanation: null,
    error: null,
  })
  const show = (asset: string) => {
    if (!asset) return
    api.explain(asset, campaign).then(
      (explanation) => setResult({ explanation, error: null }),
      (error: Error) => setResult({ explanation: null, error: error.message }),
    )
  }
  return (
    <div className="asset-trace">
      <h3>{t('explain')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          show(key)
        }}
      >
        <label>
          {t('assetKey')} <input value={key} onChange={(event) => setKey(event.target.value)} data-testid="asset-key" />
        </label>{' '}
        <button type="submit">{t('show')}</button>
      </form>
      {result.error && <p className="error">{result.error}</p>}
      {result.explanation && (
        <div data-testid="asset-explanation">
          <p>
            {t('referenceItem')}: <code>{result.explanation.footprint.referenceItemId}</code> ·{' '}
            {result.explanation.footprint.lifetimeYears} y · {Math.round(result.explanation.footprint.annualKwh)} kWh/yr
          </p>
          {result.explanation.trace.defaultsAssumed.length > 0 && (
            <p>
              {t('defaultsAssumed')}: {result.explanation.trace.defaultsAssumed.join(', ')}
            </p>
          )}
          <h3>{t('phases')}</h3>
          <pre>{JSON.stringify(result.explanation.trace.phases, null, 2)}</pre>
        </div>
      )}
    </div>
  )
}
