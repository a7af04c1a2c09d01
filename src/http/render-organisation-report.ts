import type { OrganisationReport } from '../app/organisation-report.js'

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

const tonnes = (kg: number): string =>
  `${(kg / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} tCO2e`
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`

function breakdownTable(title: string, dimension: string, rows: OrganisationReport['byDomain']): string {
  const body = rows
    .map((row) => {
      const key = (row as Record<string, unknown>)[dimension]
      return (
        `<tr><td>${escapeHtml(String(key ?? ''))}</td><td class="n">${row.quantity.toLocaleString('en-GB')}</td>` +
        `<td class="n">${tonnes(row.climateKgCo2e)}</td><td class="n">${percent(row.shareOfClimate)}</td></tr>`
      )
    })
    .join('')
  return (
    `<h2>${escapeHtml(title)}</h2><table><thead><tr><th>${escapeHtml(dimension)}</th><th>quantity (units)</th>` +
    `<th>climate (tCO2e/yr)</th><th>share</th></tr></thead><tbody>${body}</tbody></table>`
  )
}

/**
 * The printable report of one organisation: a self-contained page (no script, no external resource) with
 * print styles, so "Print → Save as PDF" in any browser gives the PDF.
 */
export function renderOrganisationReport(report: OrganisationReport): string {
  const title = `Footprint report — ${report.organisation} — ${report.campaign}`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:52rem;color:#1d2b24}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;border-bottom:1px solid #eee;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}.total{font-size:1.3rem;font-weight:600}
.note{color:#555;font-size:.85rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="total" data-figure="total">${tonnes(report.total.climateKgCo2e)} per year</p>
<p>${report.quantity.toLocaleString('en-GB')} units in ${report.assets.toLocaleString('en-GB')} inventory lines;
${Math.round(report.annualKwh).toLocaleString('en-GB')} kWh/yr of electricity; data-quality score
<strong>${report.quality.score.toFixed(0)}/100</strong> (${percent(report.quality.modelShare)} matched to a model,
${report.quality.imputedAssets.toLocaleString('en-GB')} lines with imputed values).</p>
${breakdownTable('By domain', 'domain', report.byDomain)}
${breakdownTable('By lifecycle phase', 'phase', report.byPhase)}
${breakdownTable('By category', 'category', report.byCategory)}
<p class="note">Referential ${escapeHtml(report.referential)}. Annualised footprint: manufacturing, distribution and end of
life spread over each device's lifetime, plus a year of use. Every figure's trace: <code>empreinte explain
--organisation "${escapeHtml(report.organisation)}"</code>. Print this page to PDF from the browser.</p>
</body></html>
`
}
