import { useState } from 'react'
import { api, apiUrl, type ActionProgressRow, type ActionStatus } from '../api.js'
import { Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatEuros, formatNumber, formatShare, formatTonnes, type Locale } from '../i18n.js'
import { leversOf } from './ScenariosPage.js'

/** The board's columns; cancelled actions get a column only when there are some. */
const COLUMNS = ['planned', 'in-progress', 'done'] as const
const STATUSES: readonly ActionStatus[] = ['planned', 'in-progress', 'done', 'cancelled']

/** Levers offered by the form: the sliders' own, then those of the saved scenarios (any lever text may be typed). */
const PRESET_LEVERS = [
  ...leversOf({ lifetimeYears: 2, refurbishedPercent: 30, isPowerOff: true }).all,
  'power-off:policy=target-hours,targetHours=2500',
]

const today = (): string => new Date().toISOString().slice(0, 10)

function formatDay(locale: Locale, day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

const isWhole = (perimeter: { organisation: string | null; categories: readonly string[]; sites: readonly string[] }) =>
  perimeter.organisation === null && perimeter.categories.length === 0 && perimeter.sites.length === 0

/** What the page last did, written in the current language when shown. */
type Notice = { kind: 'added'; id: number } | { kind: 'moved'; id: number; status: ActionStatus } | { kind: 'error'; text: string }

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

function AddActionForm(props: { levers: readonly string[]; onAdded: (id: number) => void; onError: (message: string) => void }) {
  const { t, label } = useDashboard()
  const [lever, setLever] = useState(PRESET_LEVERS[0]!)
  const [owner, setOwner] = useState('')
  const [start, setStart] = useState(today)
  const [status, setStatus] = useState<ActionStatus>('planned')
  const [organisation, setOrganisation] = useState('')
  const [isBusy, setBusy] = useState(false)
  return (
    <form
      className="fields"
      data-testid="action-form"
      onSubmit={(event) => {
        event.preventDefault()
        setBusy(true)
        api
          .addAction({ lever: lever.trim(), owner: owner.trim(), start, status, organisation: organisation.trim() || null })
          .then(
            (action) => {
              setBusy(false)
              setOwner('')
              props.onAdded(action.id)
            },
            (error: unknown) => {
              setBusy(false)
              props.onError(messageOf(error))
            },
          )
      }}
    >
      <label className="wide">
        {t('lever')}
        <input
          list="action-levers"
          value={lever}
          size={48}
          required
          data-testid="action-lever"
          onChange={(event) => setLever(event.target.value)}
        />
        <datalist id="action-levers">
          {props.levers.map((text) => (
            <option key={text} value={text} />
          ))}
        </datalist>
      </label>
      <label>
        {t('organisationOptional')}
        <input value={organisation} data-testid="action-organisation" onChange={(event) => setOrganisation(event.target.value)} />
      </label>
      <label>
        {t('owner')}
        <input value={owner} required maxLength={200} data-testid="action-owner" onChange={(event) => setOwner(event.target.value)} />
      </label>
      <label>
        {t('startDate')}
        <input type="date" value={start} required data-testid="action-start" onChange={(event) => setStart(event.target.value)} />
      </label>
      <label>
        {t('status')}
        <select value={status} data-testid="action-status" onChange={(event) => setStatus(event.target.value as ActionStatus)}>
          {STATUSES.map((name) => (
            <option key={name} value={name}>
              {label(name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="action-add" disabled={isBusy || owner.trim() === '' || lever.trim() === ''}>
        {t('addAction')}
      </button>
    </form>
  )
}

function ActionCard(props: { row: ActionProgressRow; onMove: (id: number, status: ActionStatus) => void; isBusy: boolean }) {
  const { t, label, locale } = useDashboard()
  const { action, expected, measured } = props.row
  const source = apiUrl('/actions/progress', { id: action.id })
  const isMeasured = measured !== null && measured.campaignAfter !== null
  return (
    <article className="action-card" data-testid={`action-card-${action.id}`} data-status={action.status}>
      <header>
        <strong>#{action.id}</strong> <code className="lever">{action.lever}</code>
      </header>
      <dl>
        <div>
          <dt>{t('perimeter')}</dt>
          <dd data-testid={`action-perimeter-${action.id}`}>{isWhole(action.perimeter) ? t('wholePerimeter') : action.perimeterText}</dd>
        </div>
        <div>
          <dt>{t('owner')}</dt>
          <dd data-testid={`action-owner-${action.id}`}>{action.owner}</dd>
        </div>
        <div>
          <dt>{t('startDate')}</dt>
          <dd data-testid={`action-start-${action.id}`} data-value={action.start}>
            {formatDay(locale, action.start)}
          </dd>
        </div>
      </dl>
      <table className="gains">
        <thead>
          <tr>
            <th />
            <th className="n">tCO2e/{t('perYear')}</th>
            <th className="n">€/{t('perYear')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('expectedGain')}</th>
            {expected === null ? (
              <td colSpan={2} className="muted">—</td>
            ) : (
              <>
                <td className="n">
                  <Figure
                    testId={`action-expected-${action.id}`}
                    value={expected.savings.climateKgCo2e}
                    text={formatTonnes(locale, expected.savings.climateKgCo2e, 3)}
                    trace={{
                      title: `#${action.id} — ${t('expectedGain')}`,
                      value: `${formatNumber(locale, expected.savings.climateKgCo2e, 0)} kgCO2e/yr`,
                      formula: 'the lever through the scenario engine on the perimeter, campaign before the start date',
                      inputs: [
                        [t('campaign'), String(expected.campaign)],
                        ['referential', expected.referential],
                        [t('shareOfBaseline'), formatShare(locale, expected.savings.climateShare)],
                        ['kWh/yr', formatNumber(locale, expected.savings.kwh, 0)],
                        ...expected.assumptions.map((text): [string, string] => [t('assumptions'), text]),
                      ],
                      source,
                    }}
                  />
                </td>
                <td className="n" data-testid={`action-expected-euros-${action.id}`} data-value={expected.savings.euros}>
                  {formatEuros(locale, expected.savings.euros)}
                </td>
              </>
            )}
          </tr>
          <tr>
            <th>{t('measuredGain')}</th>
            {!isMeasured ? (
              <td colSpan={2} className="muted" data-testid={`action-measured-${action.id}`}>
                {t('noMeasure')}
              </td>
            ) : (
              <>
                <td className="n">
                  <Figure
                    testId={`action-measured-${action.id}`}
                    value={measured.climateKgCo2e.attributed}
                    text={formatTonnes(locale, measured.climateKgCo2e.attributed, 3)}
                    trace={{
                      title: `#${action.id} — ${t('measuredGain')}`,
                      value: `${formatNumber(locale, measured.climateKgCo2e.attributed, 0)} kgCO2e/yr`,
                      formula: 'campaign before the start − latest campaign, the part the lever explains',
                      inputs: [
                        [t('campaign'), `${measured.campaignBefore ?? '—'} → ${measured.campaignAfter ?? '—'}`],
                        ['total', formatTonnes(locale, measured.climateKgCo2e.total, 3)],
                        ['fleet size', formatTonnes(locale, measured.climateKgCo2e.otherFleetSize, 3)],
                        ['per-unit', formatTonnes(locale, measured.climateKgCo2e.otherIntensity, 3)],
                      ],
                      source,
                    }}
                  />
                  {props.row.achievedShareOfExpected !== null && (
                    <small className="muted">
                      {' '}
                      ({formatShare(locale, props.row.achievedShareOfExpected)} {t('achieved')})
                    </small>
                  )}
                </td>
                <td className="n muted">—</td>
              </>
            )}
          </tr>
        </tbody>
      </table>
      {props.row.notes.length > 0 && (
        <ul className="notes">
          {props.row.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <footer>
        {t('moveTo')}:{' '}
        {STATUSES.filter((status) => status !== action.status).map((status) => (
          <button
            key={status}
            type="button"
            className={`status ${status}`}
            disabled={props.isBusy}
            data-testid={`action-move-${action.id}-${status}`}
            onClick={() => props.onMove(action.id, status)}
          >
            {label(status)}
          </button>
        ))}
      </footer>
    </article>
  )
}

/** The action plan board (docs/action-plans.md): one column per status, each card's expected and measured gain. */
export function ActionsPage(props: { revision: number }) {
  const { t, label } = useDashboard()
  const [round, setRound] = useState(0)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [busyId, setBusyId] = useState<number | null>(null)
  const progress = useLoad(() => api.actionProgress(), `${props.revision}-${round}`)
  const saved = useLoad(() => api.savedScenarios(), `${props.revision}`)
  const levers = [...new Set([...PRESET_LEVERS, ...(saved.data?.scenarios.flatMap((scenario) => scenario.levers) ?? [])])]
  const move = (id: number, status: ActionStatus) => {
    setBusyId(id)
    api.updateAction(id, { status }).then(
      (action) => {
        setBusyId(null)
        setNotice({ kind: 'moved', id: action.id, status: action.status })
        setRound((value) => value + 1)
      },
      (error: unknown) => {
        setBusyId(null)
        setNotice({ kind: 'error', text: messageOf(error) })
      },
    )
  }
  const rows = progress.data?.actions ?? []
  const columns: readonly ActionStatus[] = rows.some((row) => row.action.status === 'cancelled')
    ? [...COLUMNS, 'cancelled']
    : COLUMNS
  return (
    <div className="page">
      <Section title={t('addAction')}>
        <AddActionForm
          levers={levers}
          onAdded={(id) => {
            setNotice({ kind: 'added', id })
            setRound((value) => value + 1)
          }}
          onError={(message) => setNotice({ kind: 'error', text: message })}
        />
        {notice && (
          <p
            className={notice.kind === 'error' ? 'error' : 'notice'}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            data-testid="action-notice"
          >
            {notice.kind === 'error'
              ? notice.text
              : notice.kind === 'added'
                ? `#${notice.id}: ${t('actionAdded')}`
                : `#${notice.id}: ${label(notice.status)}`}
          </p>
        )}
      </Section>
      <Section title={t('actions')}>
        {progress.data === null ? (
          <Status error={progress.error} />
        ) : (
          <div className="action-board" data-testid="action-board">
            {columns.map((status) => {
              const cards = rows.filter((row) => row.action.status === status)
              return (
                <section key={status} className="action-column" data-testid={`action-column-${status}`}>
                  <h3>
                    <span className={`status ${status}`}>{label(status)}</span> <small>({cards.length})</small>
                  </h3>
                  {cards.length === 0 ? (
                    <p className="muted">{t('noAction')}</p>
                  ) : (
                    cards.map((row) => (
                      <ActionCard key={row.action.id} row={row} onMove={move} isBusy={busyId === row.action.id} />
                    ))
                  )}
                </section>
              )
            })}
          </div>
        )}
      </Section>
    </div>
  )
}
