import { useState } from 'react'
import { api, uploadFiles, type ImportResult } from '../api.js'
import { ExportLinks, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatNumber } from '../i18n.js'

export function ImportPage(props: { onImported: () => void }) {
  const { t, locale, campaign } = useDashboard()
  const [files, setFiles] = useState<File[]>([])
  const [progress, setProgress] = useState<number | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [round, setRound] = useState(0)
  const history = useLoad(() => api.imports({ campaign, limit: 1000 }), `${campaign}-${round}`)
  const submit = async () => {
    setError(null)
    setResult(null)
    setProgress(0)
    try {
      const answer = await uploadFiles(files, {}, setProgress)
      setResult(answer)
      props.onImported()
      setRound((value) => value + 1)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    } finally {
      setProgress(null)
    }
  }
  return (
    <div className="page">
      <Section title={t('import')}>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <label>
            {t('chooseFiles')}{' '}
            <input
              type="file"
              multiple
              accept=".csv,.txt,.xlsx"
              data-testid="import-files"
              onChange={(event) => setFiles([...(event.target.files ?? [])])}
            />
          </label>{' '}
          <button type="submit" disabled={files.length === 0 || progress !== null} data-testid="import-submit">
            {t('upload')}
          </button>
        </form>
        {progress !== null && (
          <p>
            {progress < 1 ? `${t('uploading')} ${Math.round(progress * 100)} %` : t('importing')}{' '}
            <progress value={progress} max={1} />
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </Section>
      {result && (
        <Section title={`${t('importReport')} — ${t('campaign')} ${result.campaign}`}>
          <table data-testid="import-report">
            <thead>
              <tr>
                <th>{t('file')}</th>
                <th>{t('format')}</th>
                <th className="n">{t('rowsRead')}</th>
                <th className="n">{t('rowsAccepted')}</th>
                <th className="n">{t('rowsQuarantined')}</th>
                <th className="n">{t('rowsImputed')}</th>
              </tr>
            </thead>
            <tbody>
              {result.imports.map((item) => (
                <tr key={item.file}>
                  <td>{item.file}</td>
                  <td>{item.format}</td>
                  <td className="n" data-testid="import-rows-read">{formatNumber(locale, item.rowsRead, 0)}</td>
                  <td className="n">{formatNumber(locale, item.rowsAccepted, 0)}</td>
                  <td className="n">{formatNumber(locale, item.rowsQuarantined, 0)}</td>
                  <td className="n">{formatNumber(locale, item.rowsImputed, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.imports.map((item) => (
            <div key={item.file}>
              {item.findings.length > 0 && (
                <>
                  <h3>
                    {t('findings')} — {item.file}
                  </h3>
                  <ul>
                    {item.findings.slice(0, 50).map((finding, index) => (
                      <li key={index}>
                        {t('line')} {finding.line}
                        {finding.column ? `, ${finding.column}` : ''}: {finding.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {item.assumptions.length > 0 && (
                <>
                  <h3>{t('assumptions')}</h3>
                  <ul>
                    {item.assumptions.map((assumption) => (
                      <li key={assumption}>{assumption}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
        </Section>
      )}
      <Section title={t('importHistory')} actions={<ExportLinks table="imports" />}>
        {history.data === null ? (
          history.error ? <p className="muted">{t('noData')}</p> : <Status error={null} />
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('file')}</th>
                <th>{t('format')}</th>
                <th className="n">{t('rowsRead')}</th>
                <th className="n">{t('rowsAccepted')}</th>
                <th className="n">{t('rowsQuarantined')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.fileName}</td>
                  <td>{item.format}</td>
                  <td className="n">{formatNumber(locale, item.rowsRead, 0)}</td>
                  <td className="n">{formatNumber(locale, item.rowsAccepted, 0)}</td>
                  <td className="n">{formatNumber(locale, item.rowsQuarantined, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  )
}
