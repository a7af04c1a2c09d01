import { useState } from 'react'
import { api, apiUrl } from '../api.js'
import { Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatEuros, formatNumber, formatShare, formatTonnes } from '../i18n.js'

/**
 * The Levers page's saved scenarios (docs/scenarios.md): save the sliders' levers under a name, and every saved
 * scenario compared side by side, ranked by tCO2e then € saved per year (GET /api/scenarios/comparison).
 */
export function SavedScenarios(props: { levers: readonly string[]; revision: number }) {
  const { t, locale, campaign } = useDashboard()
  const [name, setName] = useState('')
  const [round, setRound] = useState(0)
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null)
  const [isBusy, setBusy] = useState(false)
  const comparison = useLoad(() => api.compareScenarios({ campaign }), `${campaign}-${props.revision}-${round}`)
  const save = () => {
    setBusy(true)
    api.saveScenario({ name: name.trim(), levers: [...props.levers] }).then(
      (answer) => {
        setBusy(false)
        setNotice({
          text: `${answer.isReplaced ? t('scenarioReplaced') : t('scenarioSaved')}: ${answer.scenario.name}`,
          isError: false,
        })
        setRound((value) => value + 1)
      },
      (error: unknown) => {
        setBusy(false)
        setNotice({ text: error instanceof Error ? error.message : String(error), isError: true })
      },
    )
  }
  const remove = (scenario: string) => {
    api.removeScenario(scenario).then(
      () => setRound((value) => value + 1),
      (error: unknown) => setNotice({ text: error instanceof Error ? error.message : String(error), isError: true }),
    )
  }
  const rows = comparison.data?.scenarios ?? []
  return (
    <Section title={t('savedScenarios')}>
      <form
        className="fields"
        data-testid="scenario-save-form"
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <label>
          {t('scenarioName')}
          <input
            value={name}
            maxLength={80}
            data-testid="scenario-name"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button
          type="submit"
          data-testid="scenario-save"
          disabled={isBusy || name.trim() === '' || props.levers.length === 0}
          title={props.levers.join('\n')}
        >
          {t('saveScenario')}
        </button>
      </form>
      {notice && (
        <p className={notice.isError ? 'error' : 'notice'} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {comparison.data === null ? (
        <Status error={comparison.error} />
      ) : rows.length === 0 ? (
        <p className="muted">{t('noSavedScenario')}</p>
      ) : (
        <table data-testid="scenario-comparison" data-campaign={comparison.data.campaign}>
          <thead>
            <tr>
              <th className="n">{t('rank')}</th>
              <th>{t('scenario')}</th>
              <th>{t('levers')}</th>
              <th>{t('perimeter')}</th>
              <th className="n">{t('tco2eSaved')}</th>
              <th className="n">{t('shareOfBaseline')}</th>
              <th className="n">{t('eurosSaved')}</th>
              <th className="n">{t('eurosRank')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const source = apiUrl('/scenarios/comparison', { name: [row.name], campaign: comparison.data?.campaign })
              return (
                <tr key={row.name} data-testid={`comparison-row-${row.name}`} data-rank={row.rank}>
                  <td className="n">{row.rank}</td>
                  <td>
                    <strong>{row.name}</strong>
                    {row.description && <small className="muted"> {row.description}</small>}
                  </td>
                  <td>
                    <ul className="levers">
                      {row.levers.map((lever) => (
                        <li key={lever}>
                          <code>{lever}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{row.perimeter === '' || row.perimeter === 'everything' ? t('wholePerimeter') : row.perimeter}</td>
                  <td className="n">
                    <Figure
                      testId={`comparison-climate-${row.name}`}
                      value={row.climateKgCo2e}
                      text={`${formatTonnes(locale, row.climateKgCo2e, 2)}/${t('perYear')}`}
                      trace={{
                        title: `${row.name} — ${t('tco2eSaved')}`,
                        value: `${formatNumber(locale, row.climateKgCo2e, 0)} kgCO2e/yr`,
                        formula: 'baseline − scenario on the perimeter; levers applied one after the other',
                        inputs: [
                          [t('baseline'), formatTonnes(locale, row.baselineClimateKgCo2e, 2)],
                          [t('scenario'), formatTonnes(locale, row.scenarioClimateKgCo2e, 2)],
                          [t('assets'), formatNumber(locale, row.assets, 0)],
                          ['kWh/yr', formatNumber(locale, row.kwh, 0)],
                          ...row.levers.map((lever): [string, string] => [t('lever'), lever]),
                        ],
                        source,
                      }}
                    />
                  </td>
                  <td className="n">{formatShare(locale, row.climateShare)}</td>
                  <td className="n">
                    <Figure
                      testId={`comparison-euros-${row.name}`}
                      value={row.euros}
                      text={`${formatEuros(locale, row.euros)}/${t('perYear')}`}
                      trace={{
                        title: `${row.name} — ${t('eurosSaved')}`,
                        value: formatEuros(locale, row.euros),
                        formula: 'purchases deferred + electricity saved (kWh × tariff)',
                        inputs: [
                          ['€ purchases', formatEuros(locale, row.purchaseEuros)],
                          ['€ electricity', formatEuros(locale, row.electricityEuros)],
                        ],
                        source,
                      }}
                    />
                  </td>
                  <td className="n">{row.eurosRank}</td>
                  <td>
                    <button type="button" data-testid={`scenario-remove-${row.name}`} onClick={() => remove(row.name)}>
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </Section>
  )
}
