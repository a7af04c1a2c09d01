import { useState } from 'react'
import { api, apiUrl } from '../api.js'
import { ExportLinks, Figure, Section, Status, useLoad } from '../components.js'
import { useDashboard } from '../context.js'
import { formatNumber, formatShare } from '../i18n.js'

export function QualityPage(props: { revision: number }) {
  const { t, locale, campaign } = useDashboard()
  const [accepted, setAccepted] = useState<Set<string>>(new Set())
  const [round, setRound] = useState(0)
  const quality = useLoad(() => api.quality({ campaign, sample: 200, depth: 2 }), `${campaign}-${props.revision}-${round}`)
  const proposals = useLoad(() => api.proposals({ campaign, limit: 20 }), `${campaign}-${props.revision}-${round}`)
  const accept = async (pattern: string, item: string | null, category: string | null) => {
    await api.acceptRule({ pattern, item, category })
    setAccepted(new Set(accepted).add(pattern))
    setRound((value) => value + 1)
  }
  if (quality.data === null) return <Status error={quality.error} />
  const report = quality.data
  return (
    <div className="page">
      <Section title={`${t('qualityScore')} — ${t('campaign')} ${report.campaign}`}>
        <Figure
          testId="quality-score"
          large
          value={report.score}
          text={`${formatNumber(locale, report.score, 0)} / 100`}
          trace={{
            title: t('qualityScore'),
            value: `${formatNumber(locale, report.score, 1)} / 100`,
            formula: 'score from completeness (serial, purchase date, model), imputed, duplicate and implausible lines (docs/formats.md#quality-score)',
            inputs: [
              [t('rowsRead'), formatNumber(locale, report.totals.rowsRead, 0)],
              [t('rowsAccepted'), formatNumber(locale, report.totals.rowsAccepted, 0)],
              [t('rowsQuarantined'), formatNumber(locale, report.totals.rowsQuarantined, 0)],
              [t('rowsImputed'), formatNumber(locale, report.totals.rowsImputed, 0)],
            ],
            source: apiUrl('/quality', { campaign: report.campaign, sample: 0 }),
          }}
        />
      </Section>
      <Section title={t('scorePerOrganisation')} actions={<ExportLinks table="quality-organisations" />}>
        <table>
          <thead>
            <tr>
              <th>{t('organisation')}</th>
              <th className="n">{t('assets')}</th>
              <th className="n">{t('qualityScore')} (/100)</th>
              <th className="n">model share</th>
            </tr>
          </thead>
          <tbody>
            {report.organisations.map((row) => (
              <tr key={row.organisation}>
                <td>{row.organisation}</td>
                <td className="n">{formatNumber(locale, row.assets, 0)}</td>
                <td className="n">{formatNumber(locale, row.score, 0)}</td>
                <td className="n">{formatShare(locale, row.matched.modelShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={`${t('quarantine')} (${formatNumber(locale, report.totals.rowsQuarantined, 0)})`} actions={<ExportLinks table="quarantine" />}>
        <table data-testid="quarantine-table">
          <thead>
            <tr>
              <th>{t('file')}</th>
              <th className="n">{t('line')}</th>
              <th>{t('reasons')}</th>
              <th>{t('rowAsRead')}</th>
            </tr>
          </thead>
          <tbody>
            {report.quarantineSample.map((row) => (
              <tr key={`${row.fileName}-${row.line}`}>
                <td>{row.fileName}</td>
                <td className="n">{row.line}</td>
                <td>{row.findings.map((finding) => finding.message).join('; ')}</td>
                <td className="raw">{row.raw.join(' ; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('proposals')} actions={<ExportLinks table="mapping-proposals" />}>
        {proposals.data === null ? (
          <Status error={proposals.error} />
        ) : (
          <table data-testid="proposals-table">
            <thead>
              <tr>
                <th>{t('pattern')}</th>
                <th className="n">{t('units')}</th>
                <th>{t('suggestion')}</th>
                <th className="n">{t('confidence')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {proposals.data.proposals.map((proposal) => (
                <tr key={proposal.pattern}>
                  <td>{proposal.pattern}</td>
                  <td className="n">{formatNumber(locale, proposal.assets, 0)}</td>
                  <td>{proposal.suggestion?.itemId ?? proposal.currentItem}</td>
                  <td className="n">{proposal.suggestion ? formatShare(locale, proposal.suggestion.confidence) : '—'}</td>
                  <td>
                    {accepted.has(proposal.pattern) ? (
                      t('accepted')
                    ) : (
                      <button
                        type="button"
                        onClick={() => void accept(proposal.pattern, proposal.suggestion?.itemId ?? null, proposal.category)}
                      >
                        {t('accept')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  )
}
