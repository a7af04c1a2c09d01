import { useState } from 'react'
import { api, apiUrl } from '../api.js'
import { Figure, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatEuros, formatNumber, formatShare } from '../i18n.js'

const PHASES = ['idea', 'design', 'build', 'run'] as const

/** A project's gate view (estimate at each phase, change since the previous one) and its RGESN score. */
function ProjectDetail(props: { name: string; round: number }) {
  const { t, locale, label } = useDashboard()
  const gate = useLoad(() => api.projectGate(props.name), `${props.name}-${props.round}`)
  const rgesn = useLoad(() => api.rgesn(props.name), `${props.name}-${props.round}`)
  const project = gate.data?.projects[0]
  return (
    <div className="columns">
      <div>
        <h3>{t('gateView')}</h3>
        {gate.data === null ? (
          <Status error={gate.error} />
        ) : project === undefined ? null : (
          <table data-testid="project-gate">
            <thead>
              <tr>
                <th>{t('phase')}</th>
                <th>{t('bestOption')}</th>
                <th className="n">{t('climate')} (kgCO2e/{t('year')})</th>
                <th className="n">kgCO2e/{t('user')}/{t('year')}</th>
                <th className="n">{t('cost')} (€/{t('year')})</th>
                <th className="n">{t('changeSincePhase')}</th>
              </tr>
            </thead>
            <tbody>
              {project.phases.map((row) => (
                <tr key={row.phase} className={row.isCurrent ? 'best' : ''} data-testid={`gate-${row.phase}`}>
                  <td>
                    {label(row.phase)}
                    {row.isCurrent ? ' ◂' : ''}
                  </td>
                  <td>{row.estimate?.bestOption ?? '—'}</td>
                  <td className="n">
                    {row.estimate === null ? (
                      '—'
                    ) : (
                      <Figure
                        testId={`gate-climate-${row.phase}`}
                        value={row.estimate.climateKgCo2e}
                        text={`${formatNumber(locale, row.estimate.climateKgCo2e, 0)} kgCO2e`}
                        trace={{
                          title: `${project.project} — ${label(row.phase)}`,
                          value: `${formatNumber(locale, row.estimate.climateKgCo2e, 1)} kgCO2e/${t('year')}`,
                          formula: project.formula,
                          inputs: [
                            [t('bestOption'), row.estimate.bestOption],
                            ['referential', row.estimate.referential],
                            [t('date'), row.estimate.at],
                          ],
                          source: apiUrl(`/projects/${encodeURIComponent(project.project)}/gate`),
                        }}
                      />
                    )}
                  </td>
                  <td className="n">{row.estimate === null ? '—' : formatNumber(locale, row.estimate.climateKgCo2ePerUser, 3)}</td>
                  <td className="n">{row.estimate === null ? '—' : formatEuros(locale, row.estimate.euros)}</td>
                  <td className="n">
                    {row.change === null
                      ? '—'
                      : `${row.change.climateKgCo2e >= 0 ? '+' : ''}${formatNumber(locale, row.change.climateKgCo2e, 0)} kgCO2e${
                          row.change.percent === null ? '' : ` (${row.change.percent >= 0 ? '+' : ''}${formatNumber(locale, row.change.percent, 1)} %)`
                        } ${t('since')} ${label(row.change.sincePhase)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div>
        <h3>{t('rgesnScore')}</h3>
        {rgesn.data === null ? (
          <Status error={rgesn.error} />
        ) : (
          <>
            <p>
              <Figure
                testId="rgesn-score"
                large
                value={rgesn.data.score ?? Number.NaN}
                text={rgesn.data.score === null ? '—' : formatShare(locale, rgesn.data.score)}
                trace={{
                  title: t('rgesnScore'),
                  value: rgesn.data.score === null ? '—' : formatShare(locale, rgesn.data.score),
                  formula: rgesn.data.formula,
                  inputs: [
                    [t('met'), formatNumber(locale, rgesn.data.met, 0)],
                    [t('applicable'), formatNumber(locale, rgesn.data.applicable, 0)],
                    [t('unanswered'), formatNumber(locale, rgesn.data.unanswered, 0)],
                    ['RGESN', rgesn.data.version ?? '—'],
                  ],
                  source: apiUrl(`/projects/${encodeURIComponent(props.name)}/rgesn`),
                }}
              />{' '}
              <span className="muted">
                {formatNumber(locale, rgesn.data.met, 0)} / {formatNumber(locale, rgesn.data.applicable, 0)} {t('applicableMet')} ·{' '}
                {formatNumber(locale, rgesn.data.unanswered, 0)} {t('unanswered')}
              </span>
            </p>
            <table>
              <thead>
                <tr>
                  <th>{t('family')}</th>
                  <th className="n">{t('met')}</th>
                  <th className="n">{t('applicable')}</th>
                  <th className="n">{t('score')}</th>
                </tr>
              </thead>
              <tbody>
                {rgesn.data.byFamily.map((family) => (
                  <tr key={family.family}>
                    <td>{family.family}</td>
                    <td className="n">{formatNumber(locale, family.met, 0)}</td>
                    <td className="n">{formatNumber(locale, family.applicable, 0)}</td>
                    <td className="n">{family.score === null ? '—' : formatShare(locale, family.score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </div>
  )
}

/** IT projects (docs/services.md): the list, the gate view of one, its RGESN score; record the form's estimate. */
export function ProjectsTab(props: { description: string }) {
  const { t, locale, label } = useDashboard()
  const [round, setRound] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [draft, setDraft] = useState({ name: '', owner: '', phase: 'idea' })
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null)
  const projects = useLoad(() => api.projects(), String(round))
  const report = (promise: Promise<string>) =>
    promise.then(
      (text) => {
        setNotice({ text, isError: false })
        setRound((value) => value + 1)
      },
      (error: unknown) => setNotice({ text: error instanceof Error ? error.message : String(error), isError: true }),
    )
  return (
    <div data-testid="projects-tab">
      {projects.data === null ? (
        <Status error={projects.error} />
      ) : (
        <table data-testid="project-list">
          <thead>
            <tr>
              <th>{t('project')}</th>
              <th>{t('owner')}</th>
              <th>{t('phase')}</th>
              <th>{t('bestOption')}</th>
              <th className="n">{t('climate')} (kgCO2e/{t('year')})</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {projects.data.projects.map((project) => (
              <tr key={project.name} className={project.name === selected ? 'best' : ''}>
                <td>
                  <button type="button" className="node" data-testid={`project-${project.name}`} onClick={() => setSelected(project.name)}>
                    {project.name}
                  </button>
                </td>
                <td>{project.owner}</td>
                <td>{label(project.phase)}</td>
                <td>{project.latestEstimate?.bestOption ?? '—'}</td>
                <td className="n">
                  {project.latestEstimate === null ? '—' : formatNumber(locale, project.latestEstimate.climateKgCo2e, 0)}
                </td>
                <td>
                  <button
                    type="button"
                    data-testid={`project-record-${project.name}`}
                    onClick={() => {
                      setSelected(project.name)
                      report(
                        api
                          .estimateProject(project.name, JSON.parse(props.description))
                          .then(
                            (estimate) =>
                              `${estimate.project} · ${label(estimate.phase)}: ${estimate.bestOption}, ${formatNumber(locale, estimate.climateKgCo2e, 0)} kgCO2e/${t('year')}`,
                          ),
                      )
                    }}
                  >
                    {t('recordEstimate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="fields"
        onSubmit={(event) => {
          event.preventDefault()
          report(
            api
              .addProject({ ...draft, service: JSON.parse(props.description) })
              .then((project) => {
                setSelected(project.name)
                return `${project.name}: ${label(project.phase)}`
              }),
          )
        }}
      >
        <label>
          <span>{t('project')}</span>
          <input required value={draft.name} data-testid="project-name" onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </label>
        <label>
          <span>{t('owner')}</span>
          <input required value={draft.owner} data-testid="project-owner" onChange={(event) => setDraft({ ...draft, owner: event.target.value })} />
        </label>
        <label>
          <span>{t('phase')}</span>
          <select value={draft.phase} onChange={(event) => setDraft({ ...draft, phase: event.target.value })}>
            {PHASES.map((phase) => (
              <option key={phase} value={phase}>
                {label(phase)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>&nbsp;</span>
          <button type="submit" data-testid="project-add">
            {t('addProject')}
          </button>
        </label>
      </form>
      {notice && (
        <p className={notice.isError ? 'error' : 'notice'} role="status" data-testid="project-notice">
          {notice.text}
        </p>
      )}
      {selected === null ? <p className="muted">{t('selectProject')}</p> : <ProjectDetail name={selected} round={round} />}
    </div>
  )
}
