import { useEffect, useState } from 'react'
import { api, apiUrl, type BoardOrganisation, type CampaignBoard } from '../api.js'
import { ExportLinks, Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatNumber, formatShare } from '../i18n.js'

/** Filters and sorts of GET /api/campaigns/{year}/status (docs/campaigns.md#track-the-progress-board). */
export const BOARD_FILTERS = [
  'missing',
  'anomaly',
  'to-chase',
  'not-started',
  'collecting',
  'submitted',
  'validated',
  'sent-back',
] as const
export const BOARD_SORTS = ['code', 'quality', 'status', 'received', 'units'] as const
const STATUSES = ['not-started', 'collecting', 'submitted', 'validated', 'sent-back', 'closed'] as const

/** The year of the latest campaign (the one GET /api/imports answers for), else last year. */
async function latestCampaignYear(): Promise<number> {
  try {
    return (await api.imports({ limit: 1 })).campaign
  } catch {
    return new Date().getFullYear() - 1
  }
}

function ReviewButtons(props: {
  year: number
  row: BoardOrganisation
  onReviewed: (message: string) => void
  onError: (message: string) => void
}) {
  const { t, label } = useDashboard()
  const [isSendingBack, setSendingBack] = useState(false)
  const [comment, setComment] = useState('')
  const [isBusy, setBusy] = useState(false)
  const review = (decision: 'validate' | 'send-back') => {
    setBusy(true)
    api.reviewOrganisation(props.year, { organisation: props.row.path, decision, comment }).then(
      (result) => {
        setBusy(false)
        setSendingBack(false)
        setComment('')
        props.onReviewed(`${result.organisation}: ${label(result.status)} (${result.actor})`)
      },
      (error: unknown) => {
        setBusy(false)
        props.onError(error instanceof Error ? error.message : String(error))
      },
    )
  }
  if (isSendingBack)
    return (
      <form
        className="send-back"
        onSubmit={(event) => {
          event.preventDefault()
          review('send-back')
        }}
      >
        <textarea
          required
          rows={2}
          placeholder={t('sendBackComment')}
          value={comment}
          data-testid={`send-back-comment-${props.row.code}`}
          onChange={(event) => setComment(event.target.value)}
        />
        <button type="submit" disabled={isBusy || comment.trim() === ''} data-testid={`send-back-confirm-${props.row.code}`}>
          {t('sendBack')}
        </button>
        <button type="button" onClick={() => setSendingBack(false)}>
          {t('cancel')}
        </button>
      </form>
    )
  return (
    <span className="review">
      <button
        type="button"
        disabled={isBusy || props.row.status === 'validated'}
        data-testid={`validate-${props.row.code}`}
        onClick={() => review('validate')}
      >
        ✓ {t('validate')}
      </button>{' '}
      <button type="button" disabled={isBusy} data-testid={`send-back-${props.row.code}`} onClick={() => setSendingBack(true)}>
        ↩ {t('sendBack')}
      </button>
    </span>
  )
}

function BoardTable(props: { board: CampaignBoard; onReviewed: (message: string) => void; onError: (message: string) => void }) {
  const { t, label, locale, canReview } = useDashboard()
  const { board } = props
  const isOpen = board.state === 'open'
  return (
    <table data-testid="campaign-board" className="board">
      <thead>
        <tr>
          <th>{t('organisation')}</th>
          <th>{t('status')}</th>
          <th className="n">{t('sourcesReceived')}</th>
          <th>{t('missingSources')}</th>
          <th className="n">{t('qualityScore')} (/100)</th>
          <th className="n">{t('unitsColumn')}</th>
          <th className="n">{t('rowsQuarantined')}</th>
          <th>{t('anomalies')}</th>
          <th>{t('lastDecision')}</th>
          {canReview && isOpen && <th>{t('review')}</th>}
        </tr>
      </thead>
      <tbody>
        {board.organisations.map((row) => (
          <tr key={row.path} data-testid={`board-row-${row.code}`} data-status={row.status}>
            <td title={row.path}>{row.code}</td>
            <td>
              <span className={`status ${row.status}`} data-testid={`board-status-${row.code}`}>
                {label(row.status)}
              </span>
            </td>
            <td className="n" data-testid={`board-sources-${row.code}`}>
              {formatNumber(locale, row.sourcesReceived, 0)} / {formatNumber(locale, row.sourcesExpected, 0)}
            </td>
            <td>{row.missing.map((kind) => label(kind)).join(', ') || '—'}</td>
            <td className="n">
              <Figure
                testId={`board-quality-${row.code}`}
                value={row.qualityScore}
                text={`${formatNumber(locale, row.qualityScore, 0)} / 100`}
                trace={{
                  title: `${row.code} — ${t('qualityScore')}`,
                  value: `${formatNumber(locale, row.qualityScore, 1)} / 100`,
                  formula:
                    'score from completeness (serial, purchase date, model), imputed, duplicate and implausible lines (docs/formats.md#quality-score)',
                  inputs: [
                    [t('units'), formatNumber(locale, row.units, 0)],
                    [t('workstations'), formatNumber(locale, row.workstations, 0)],
                    [t('rowsQuarantined'), formatNumber(locale, row.quarantinedRows, 0)],
                    ...(row.headcount === null ? [] : [[t('headcount'), formatNumber(locale, row.headcount, 0)] as [string, string]]),
                  ],
                  source: apiUrl(`/campaigns/${board.campaign}/status`),
                }}
              />
            </td>
            <td className="n">{formatNumber(locale, row.units, 0)}</td>
            <td className="n">{formatNumber(locale, row.quarantinedRows, 0)}</td>
            <td>
              {row.anomalies.length === 0 ? (
                '—'
              ) : (
                <ul className="anomalies">
                  {row.anomalies.map((anomaly) => (
                    <li key={anomaly.code} title={`${anomaly.message} (${anomaly.threshold})`}>
                      ⚠ {label(anomaly.code)}:{' '}
                      {anomaly.unit === 'share'
                        ? formatShare(locale, anomaly.value)
                        : `${formatNumber(locale, anomaly.value, 2)} ${label(anomaly.unit)}`}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              {row.lastDecision === null
                ? '—'
                : `${label(row.lastDecision.decision === 'validate' ? 'validated' : 'sent-back')} · ${row.lastDecision.actor}${row.lastDecision.comment ? ` — “${row.lastDecision.comment}”` : ''}`}
            </td>
            {canReview && isOpen && (
              <td>
                <ReviewButtons year={board.campaign} row={row} onReviewed={props.onReviewed} onError={props.onError} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The progress board of a collection campaign (docs/campaigns.md): organisations, filter, sort, review. */
export function CampaignPage(props: { revision: number }) {
  const { t, label, locale } = useDashboard()
  const [year, setYear] = useState<number | null>(null)
  const [filter, setFilter] = useState<string>('')
  const [sort, setSort] = useState<string>('code')
  const [round, setRound] = useState(0)
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null)
  useEffect(() => {
    void latestCampaignYear().then(setYear)
  }, [props.revision])
  const board = useLoad(
    () => (year === null ? new Promise<never>(() => {}) : api.campaignBoard(year, { filter: filter || null, sort })),
    `${year}-${filter}-${sort}-${props.revision}-${round}`,
  )
  const data = board.data
  return (
    <div className="page">
      <Section
        title={`${t('campaigns')}${data ? ` — ${data.campaign}` : ''}`}
        actions={year === null ? null : <ExportLinks table="campaign-status" campaign={year} />}
      >
        <form className="board-controls" onSubmit={(event) => event.preventDefault()}>
          <label>
            {t('campaign')}{' '}
            <input
              type="number"
              min={1990}
              max={2100}
              value={year ?? ''}
              data-testid="campaign-year"
              onChange={(event) => setYear(event.target.value === '' ? null : Number(event.target.value))}
            />
          </label>
          <label>
            {t('filter')}{' '}
            <select value={filter} data-testid="campaign-filter" onChange={(event) => setFilter(event.target.value)}>
              <option value="">{t('all')}</option>
              {BOARD_FILTERS.map((name) => (
                <option key={name} value={name}>
                  {label(name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sortBy')}{' '}
            <select value={sort} data-testid="campaign-sort" onChange={(event) => setSort(event.target.value)}>
              {BOARD_SORTS.map((name) => (
                <option key={name} value={name}>
                  {t(`sort-${name}`)}
                </option>
              ))}
            </select>
          </label>
        </form>
        {data === null ? (
          board.error ? (
            <p className="error" role="alert" data-testid="campaign-error">
              {board.error} {t('openCampaignHint')}
            </p>
          ) : (
            <Status error={null} />
          )
        ) : (
          <>
            <p className="muted" data-testid="campaign-summary">
              {t('perimeter')}: <strong>{data.perimeter}</strong> · {label(data.state)} · {t('referential')}{' '}
              <code>{data.frozenReferential ?? data.referential}</code> · {t('expectedSources')}:{' '}
              {data.expected.map((kind) => label(kind)).join(', ')}
              {data.previousCampaign !== null && ` · ${t('comparedWith')} ${data.previousCampaign}`}
            </p>
            <div className="figures counts">
              <div>
                <span className="caption">{t('organisations')}</span>
                <strong data-testid="campaign-count" data-value={String(data.counts.total)}>
                  {formatNumber(locale, data.counts.total, 0)}
                </strong>
              </div>
              {STATUSES.map((status) => (
                <div key={status}>
                  <span className="caption">{label(status)}</span>
                  <button
                    type="button"
                    className={`status ${status}`}
                    data-testid={`campaign-count-${status}`}
                    data-value={String(data.counts[status] ?? 0)}
                    onClick={() => setFilter(status === 'closed' ? '' : status)}
                  >
                    {formatNumber(locale, data.counts[status] ?? 0, 0)}
                  </button>
                </div>
              ))}
            </div>
            {notice && (
              <p className={notice.isError ? 'error' : 'notice'} role="status" data-testid="campaign-notice">
                {notice.text}
              </p>
            )}
            <BoardTable
              board={data}
              onReviewed={(text) => {
                setNotice({ text, isError: false })
                setRound((value) => value + 1)
              }}
              onError={(text) => setNotice({ text, isError: true })}
            />
            {data.organisations.length === 0 && <p className="muted">{t('noOrganisationMatches')}</p>}
          </>
        )}
      </Section>
    </div>
  )
}
