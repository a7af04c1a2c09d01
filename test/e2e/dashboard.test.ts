/**
 * The dashboard in a real browser (Debian `chromium` driven by playwright-core): sign in, upload a file, read
 * the overview, change a scenario, and check each figure shown against the API. Screenshots are saved in
 * test-artefacts/screenshots/. `.ci/run` installs chromium when it is missing; this test never skips.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Progress } from '../../src/app/ports.js'
import type { OpenedWorkspace } from '../../src/cli/cli-io.js'
import { createHttpApp } from '../../src/http/create-http-app.js'
import { serveHttp, type RunningServer } from '../../src/http/serve.js'
import { openWorkspace } from '../../src/main.js'
import { loadRgesn } from '../../src/app/rgesn.js'
import { addAdministrator, TEST_LOGIN, TEST_PASSWORD } from '../support/sign-in.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const screenshots = join(root, 'test-artefacts', 'screenshots')
const silent: Progress = { start() {}, advance() {}, stop() {} }

/** The browser: $EMPREINTE_CHROMIUM, else Debian's /usr/bin/chromium; a clear error when neither exists. */
function chromiumPath(): string {
  const candidates = [process.env['EMPREINTE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser']
  const found = candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path))
  if (found === undefined) {
    throw new Error(
      'The dashboard end-to-end test needs Chromium: install it (`apt-get install -y chromium`, as .ci/run does) ' +
        'or set EMPREINTE_CHROMIUM to a Chromium binary.',
    )
  }
  return found
}

/** Signs in through the page's form (docs/access-control.md). */
async function signIn(page: Page): Promise<void> {
  const form = page.getByTestId('sign-in')
  await form.locator('input[name=login]').fill(TEST_LOGIN)
  await form.locator('input[name=password]').fill(TEST_PASSWORD)
  await form.locator('button[type=submit]').click()
  await page.getByTestId('nav-overview').waitFor()
}

/** GET an API path from inside the page, with its session cookie. */
async function apiFromPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url)
    if (!response.ok) throw new Error(`${url}: ${response.status}`)
    return response.json()
  }, path) as Promise<T>
}

/** POST to an API path from inside the page, with its session cookie and CSRF token (as web/src/api.ts does). */
async function postFromPage<T>(page: Page, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ url, json }) => {
      const headers: Record<string, string> = { 'x-csrf-token': window.sessionStorage.getItem('empreinte.csrf') ?? '' }
      if (json !== undefined) headers['content-type'] = 'application/json'
      const response = await fetch(url, { method: 'POST', headers, body: json })
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
      return response.json()
    },
    { url: path, json: body === undefined ? undefined : JSON.stringify(body) },
  ) as Promise<T>
}

type ServiceAnswer = {
  options: { name: string; climateKgCo2ePerUser: number; isBest: boolean; euros: { totalEuros: number } }[]
  best: { name: string; why: string }
}
type BoardAnswer = {
  campaign: number
  counts: Record<string, number> & { total: number }
  organisations: { code: string; path: string; status: string; sourcesReceived: number; sourcesExpected: number }[]
}

describe('the dashboard in Chromium', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let server: RunningServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    const executablePath = chromiumPath()
    directory = await mkdtemp(join(tmpdir(), 'empreinte-e2e-'))
    // Build the dashboard as `npm run build` does, into the test's folder (never a stale dist/web).
    await build({
      configFile: join(root, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: join(directory, 'web'), emptyOutDir: true },
    })
    workspace = await openWorkspace(join(directory, 'workspace'), { create: true, progress: silent })
    await addAdministrator(workspace.deps)
    // The RGESN criteria the projects tab scores against (a four-criterion sample of the published file).
    await loadRgesn(workspace.deps, {
      file: join(root, 'fixtures', 'rgesn', 'sample-referentiel-version-csv1.csv'),
      atMs: null,
    })
    const app = createHttpApp(workspace.deps, {
      staticDirectory: join(directory, 'web'),
      uploadDirectory: join(directory, 'uploads'),
      logger: () => {},
    })
    server = await serveHttp(app, { port: 0 })
    await mkdir(screenshots, { recursive: true })
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await workspace?.close()
    if (directory) await rm(directory, { recursive: true, force: true })
  })

  it('asks to sign in, then signs in through the form', async () => {
    await page.goto(`${server.url}/#/import`)
    await page.getByTestId('sign-in').waitFor()
    await page.screenshot({ path: join(screenshots, '01-sign-in.png') })
    await signIn(page)
    expect(await page.getByTestId('nav-import').getAttribute('class')).toBe('active')
  })

  it('uploads the GLPI fixture and shows the import report the API answered', async () => {
    await page.getByTestId('import-files').setInputFiles(join(root, 'fixtures', 'e2e', 'glpi-parc.csv'))
    await page.getByTestId('import-submit').click()
    await page.getByTestId('import-report').waitFor()
    const history = await apiFromPage<{ items: { fileName: string; rowsRead: number }[] }>(page, '/api/imports')
    expect(history.items.map((item) => item.fileName)).toEqual(['glpi-parc.csv'])
    const shown = await page.getByTestId('import-rows-read').textContent()
    expect(shown).toBe(history.items[0]!.rowsRead.toLocaleString('en-GB'))
    await page.screenshot({ path: join(screenshots, '02-import-report.png'), fullPage: true })
  })

  it('shows the overview total the API computes, in tCO2e, and its trace on click', async () => {
    await page.getByTestId('nav-overview').click()
    const total = page.getByTestId('overview-total')
    await total.waitFor()
    // The same query the page makes (the trace names it): by domain and phase.
    const footprint = await apiFromPage<{ total: { climateKgCo2e: number } }>(page, '/api/footprint?by=domain%2Cphase')
    // DuckDB sums in parallel: two answers may differ in the last bits (1e-14 relative), never more.
    expect(Number(await total.getAttribute('data-value'))).toBeCloseTo(footprint.total.climateKgCo2e, 9)
    const tonnes = (footprint.total.climateKgCo2e / 1000).toLocaleString('en-GB', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    })
    expect(await total.textContent()).toBe(`${tonnes} tCO2e`)
    await page.getByTestId('chart-domain').locator('canvas').waitFor()
    await total.click()
    await expect(page.getByTestId('trace-panel').textContent()).resolves.toContain('/api/footprint')
    await page.screenshot({ path: join(screenshots, '03-overview-trace.png'), fullPage: true })
  })

  it('changes a scenario slider and shows the saving the API computes for those levers', async () => {
    await page.goto(`${server.url}/#/scenarios`)
    await page.getByTestId('slider-lifetime').fill('2')
    const saving = page.getByTestId('scenario-saving')
    await saving.waitFor()
    const result = page.getByTestId('scenario-result')
    const levers = (await result.getAttribute('data-levers'))!.split('|')
    expect(levers).toEqual(['lifetime-extension:years=2,categories=laptop+desktop+monitor'])
    const query = levers.map((lever) => `lever=${encodeURIComponent(lever)}`).join('&')
    const scenario = await apiFromPage<{ savings: { climateKgCo2e: number; euros: number } }>(
      page,
      `/api/simulation?${query}`,
    )
    expect(scenario.savings.climateKgCo2e).toBeGreaterThan(0)
    expect(Number(await saving.getAttribute('data-value'))).toBeCloseTo(scenario.savings.climateKgCo2e, 9)
    expect(Number(await page.getByTestId('scenario-euros').getAttribute('data-value'))).toBeCloseTo(
      scenario.savings.euros,
      9,
    )
    await page.getByTestId('chart-waterfall').locator('canvas').waitFor()
    await page.getByTestId('chart-trajectory').locator('canvas').waitFor()
    await page.screenshot({ path: join(screenshots, '04-scenario.png'), fullPage: true })
  })

  it('switches to French: labels and number format change', async () => {
    await page.getByTestId('language').selectOption('fr')
    await expect(page.getByTestId('nav-overview').textContent()).resolves.toBe("Vue d'ensemble")
    await page.getByTestId('nav-overview').click()
    const text = await page.getByTestId('overview-total').textContent()
    // French groups thousands with a narrow no-break space and writes the decimal comma.
    expect(text).toMatch(/^[\d\u202f]+,\d tCO2e$/)
    await page.screenshot({ path: join(screenshots, '05-overview-fr.png'), fullPage: true })
  })

  it('estimates a digital service and shows the per-user climate the API computes for the same description', async () => {
    await page.getByTestId('language').selectOption('en')
    // The overview's trace panel is still open over the navigation: close it.
    const openPanel = page.getByTestId('trace-panel')
    if (await openPanel.isVisible()) await openPanel.getByRole('button', { name: 'Close' }).click()
    await page.getByTestId('nav-services').click()
    await page.getByTestId('service-result').waitFor()
    // Change the shared description, then run the estimate with the button.
    await page.getByTestId('service-users').fill('5000')
    await page.getByTestId('service-terminal-smartphone').fill('30')
    await page.getByTestId('service-estimate').click()
    const result = page.getByTestId('service-result')
    await page.waitForFunction(() => {
      const shown = document.querySelector('[data-testid=service-result]')?.getAttribute('data-description') ?? ''
      return shown.includes('"count":5000') && shown.includes('smartphone')
    })
    const description = JSON.parse((await result.getAttribute('data-description'))!) as {
      users: { count: number }
      options: unknown[]
    }
    expect(description.users.count).toBe(5000)
    const answer = await postFromPage<ServiceAnswer>(page, '/api/services/estimate', description)
    expect(answer.options).toHaveLength(description.options.length)
    for (const [index, option] of answer.options.entries()) {
      const figure = page.getByTestId(`service-per-user-${index}`)
      expect(Number(await figure.getAttribute('data-value'))).toBe(option.climateKgCo2ePerUser)
      const perUser = option.climateKgCo2ePerUser.toLocaleString('en-GB', {
        minimumFractionDigits: 3,
        maximumFractionDigits: 3,
      })
      expect(await figure.textContent()).toBe(`${perUser} kgCO2e/user/yr`)
      expect(Number(await page.getByTestId(`service-euros-${index}`).getAttribute('data-value'))).toBe(
        option.euros.totalEuros,
      )
      expect(await page.getByTestId(`service-row-${index}`).getAttribute('class')).toBe(option.isBest ? 'best' : '')
    }
    const best = page.getByTestId('service-best')
    expect(await best.getAttribute('data-best')).toBe(answer.best.name)
    expect(await best.textContent()).toContain(answer.best.why)
    // A click on the first option's terminals bar (the bottom of the stack) opens its calculation lines.
    const chart = page.getByTestId('chart-service-tiers')
    await chart.locator('canvas').waitFor()
    await chart.scrollIntoViewIfNeeded()
    const box = (await chart.boundingBox())!
    const categories = answer.options.length
    await page.mouse.click(box.x + 70 + ((box.width - 90) * 0.5) / categories, box.y + box.height - 65)
    const panel = page.getByTestId('trace-panel')
    await panel.waitFor()
    expect(await panel.textContent()).toContain(`${answer.options[0]!.name} — terminals`)
    await expect(page.getByTestId('trace-lines').locator('li').count()).resolves.toBeGreaterThan(0)
    await page.screenshot({ path: join(screenshots, '06-services.png'), fullPage: true })
    await panel.getByRole('button', { name: 'Close' }).click()
    await panel.waitFor({ state: 'detached' })

    // Projects tab: register a project with the form's description, record an estimate at its phase, read the
    // gate view and the RGESN score the API answers.
    await page.getByTestId('services-tab-projects').click()
    await page.getByTestId('project-name').fill('Portail')
    await page.getByTestId('project-owner').fill('DSI')
    await page.getByTestId('project-add').click()
    await page.getByTestId('project-record-Portail').waitFor()
    await postFromPage(page, '/api/projects/Portail/rgesn/answers', [
      { criterion: '1.1', answer: 'yes' },
      { criterion: '2.1', answer: 'no' },
      { criterion: '2.2', answer: 'not-applicable' },
    ])
    await page.getByTestId('project-record-Portail').click()
    const gateCell = page.getByTestId('gate-climate-idea')
    await gateCell.waitFor()
    const gate = await apiFromPage<{
      projects: { phases: { phase: string; estimate: { climateKgCo2e: number } | null }[] }[]
    }>(page, '/api/projects/Portail/gate')
    const idea = gate.projects[0]!.phases.find((row) => row.phase === 'idea')!
    expect(Number(await gateCell.getAttribute('data-value'))).toBe(idea.estimate!.climateKgCo2e)
    expect(idea.estimate!.climateKgCo2e).toBe(Math.min(...answer.options.map((option) => option.climateKgCo2ePerUser)) * 5000)
    const rgesn = await apiFromPage<{ score: number | null }>(page, '/api/projects/Portail/rgesn')
    expect(rgesn.score).toBeGreaterThan(0)
    const score = page.getByTestId('rgesn-score')
    await score.waitFor()
    expect(await score.textContent()).toBe(
      rgesn.score === null
        ? '—'
        : `${(rgesn.score * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`,
    )
    await page.screenshot({ path: join(screenshots, '06b-projects.png'), fullPage: true })
    await page.getByTestId('services-tab-estimate').click()
  })

  it('shows the campaign board the API answers, and validates and sends back organisations', async () => {
    const imports = await apiFromPage<{ campaign: number }>(page, '/api/imports')
    const year = imports.campaign
    await postFromPage(page, `/api/campaigns?year=${year}&perimeter=CNAM&expect=computers%2Cmonitors`)
    await page.getByTestId('language').selectOption('fr')
    await page.getByTestId('nav-campaigns').click()
    const board = page.getByTestId('campaign-board')
    await board.waitFor()
    const answer = await apiFromPage<BoardAnswer>(page, `/api/campaigns/${year}/status`)
    expect(answer.counts.total).toBeGreaterThan(0)
    expect(Number(await page.getByTestId('campaign-count').getAttribute('data-value'))).toBe(answer.counts.total)
    await expect(board.locator('tbody tr').count()).resolves.toBe(answer.organisations.length)
    const first = answer.organisations[0]!
    const row = page.getByTestId(`board-row-${first.code}`)
    expect(await row.getAttribute('data-status')).toBe(first.status)
    const labels: Record<string, string> = { 'not-started': 'non commencée', collecting: 'en collecte', submitted: 'soumise' }
    expect(await page.getByTestId(`board-status-${first.code}`).textContent()).toBe(labels[first.status])
    expect(await page.getByTestId(`board-sources-${first.code}`).textContent()).toBe(
      `${first.sourcesReceived} / ${first.sourcesExpected}`,
    )
    const csv = page.getByTestId('export-campaign-status-csv')
    expect(await csv.getAttribute('href')).toBe(`/api/exports/campaign-status?format=csv&campaign=${year}`)
    const exported = await page.evaluate(async (url) => (await fetch(url)).text(), (await csv.getAttribute('href'))!)
    expect(exported.split('\r\n').filter((line) => line !== '')).toHaveLength(answer.organisations.length + 1)
    await page.screenshot({ path: join(screenshots, '07-campaign-board-fr.png'), fullPage: true })

    // Validate the first organisation through its button: the board and the API both say validated.
    await page.getByTestId(`validate-${first.code}`).click()
    await page.waitForFunction(
      (code) => document.querySelector(`[data-testid="board-row-${code}"]`)?.getAttribute('data-status') === 'validated',
      first.code,
    )
    expect(await page.getByTestId(`board-status-${first.code}`).textContent()).toBe('validée')
    // Send the second back with a comment.
    const second = answer.organisations[1]
    if (second !== undefined) {
      await page.getByTestId(`send-back-${second.code}`).click()
      await page.getByTestId(`send-back-comment-${second.code}`).fill('écrans manquants')
      await page.getByTestId(`send-back-confirm-${second.code}`).click()
      await page.waitForFunction(
        (code) => document.querySelector(`[data-testid="board-row-${code}"]`)?.getAttribute('data-status') === 'sent-back',
        second.code,
      )
    }
    const after = await apiFromPage<BoardAnswer>(page, `/api/campaigns/${year}/status`)
    expect(after.organisations.find((organisation) => organisation.code === first.code)?.status).toBe('validated')
    if (second !== undefined)
      expect(after.organisations.find((organisation) => organisation.code === second.code)?.status).toBe('sent-back')
    expect(Number(await page.getByTestId('campaign-count-validated').getAttribute('data-value'))).toBe(
      after.counts['validated'],
    )
    // Filter: only the validated organisation left.
    await page.getByTestId('campaign-filter').selectOption('validated')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=campaign-board] tbody tr').length === 1)
    await page.screenshot({ path: join(screenshots, '08-campaign-reviewed-fr.png'), fullPage: true })
  })

  it('saves a scenario from the Levers page, compares it, and tracks an action on the action plan board', async () => {
    await page.getByTestId('language').selectOption('en')
    await page.getByTestId('nav-scenarios').click()
    await page.getByTestId('slider-lifetime').fill('2')
    await page.getByTestId('scenario-saving').waitFor()
    await page.getByTestId('scenario-name').fill('laptops-2y')
    await page.getByTestId('scenario-save').click()
    const climate = page.getByTestId('comparison-climate-laptops-2y')
    await climate.waitFor()
    const comparison = await apiFromPage<{
      scenarios: { name: string; rank: number; levers: string[]; climateKgCo2e: number; euros: number }[]
    }>(page, '/api/scenarios/comparison?name=laptops-2y')
    const saved = comparison.scenarios[0]!
    expect(saved.levers).toEqual(['lifetime-extension:years=2,categories=laptop+desktop+monitor'])
    expect(saved.climateKgCo2e).toBeGreaterThan(0)
    expect(Number(await climate.getAttribute('data-value'))).toBeCloseTo(saved.climateKgCo2e, 9)
    const tonnes = (saved.climateKgCo2e / 1000).toLocaleString('en-GB', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    })
    expect(await climate.textContent()).toBe(`${tonnes} tCO2e/yr`)
    expect(Number(await page.getByTestId('comparison-euros-laptops-2y').getAttribute('data-value'))).toBeCloseTo(
      saved.euros,
      6,
    )
    expect(await page.getByTestId('comparison-row-laptops-2y').getAttribute('data-rank')).toBe(String(saved.rank))
    await page.screenshot({ path: join(screenshots, '09a-saved-scenarios.png'), fullPage: true })

    // The action plan board: add an action through the form, read its expected gain, start it with its button.
    await page.getByTestId('nav-actions').click()
    await page.getByTestId('action-board').waitFor()
    const year = (await apiFromPage<{ campaign: number }>(page, '/api/imports')).campaign
    await page.getByTestId('action-lever').fill('lifetime-extension:years=2,categories=laptop')
    await page.getByTestId('action-owner').fill('DSI Rhône')
    await page.getByTestId('action-start').fill(`${year + 1}-01-01`)
    await page.getByTestId('action-add').click()
    await page.getByTestId('action-notice').waitFor()
    const actions = await apiFromPage<{ actions: { id: number; status: string; owner: string }[] }>(page, '/api/actions')
    const added = actions.actions.at(-1)!
    expect(added).toMatchObject({ owner: 'DSI Rhône', status: 'planned' })
    const card = page.getByTestId(`action-card-${added.id}`)
    await page.getByTestId('action-column-planned').getByTestId(`action-card-${added.id}`).waitFor()
    const progress = await apiFromPage<{
      actions: { action: { id: number }; expected: { savings: { climateKgCo2e: number; euros: number } } | null }[]
    }>(page, `/api/actions/progress?id=${added.id}`)
    const expected = progress.actions[0]!.expected!
    expect(expected.savings.climateKgCo2e).toBeGreaterThan(0)
    const shown = page.getByTestId(`action-expected-${added.id}`)
    expect(Number(await shown.getAttribute('data-value'))).toBeCloseTo(expected.savings.climateKgCo2e, 9)
    const expectedTonnes = (expected.savings.climateKgCo2e / 1000).toLocaleString('en-GB', {
      minimumFractionDigits: 3,
      maximumFractionDigits: 3,
    })
    expect(await shown.textContent()).toBe(`${expectedTonnes} tCO2e`)
    expect(Number(await page.getByTestId(`action-expected-euros-${added.id}`).getAttribute('data-value'))).toBeCloseTo(
      expected.savings.euros,
      6,
    )
    expect(await page.getByTestId(`action-owner-${added.id}`).textContent()).toBe('DSI Rhône')
    expect(await page.getByTestId(`action-start-${added.id}`).getAttribute('data-value')).toBe(`${year + 1}-01-01`)
    // Start it: the card moves to the in-progress column, and the API says so.
    await page.getByTestId(`action-move-${added.id}-in-progress`).click()
    await page.getByTestId('action-column-in-progress').getByTestId(`action-card-${added.id}`).waitFor()
    expect(await card.getAttribute('data-status')).toBe('in-progress')
    const after = await apiFromPage<{ actions: { id: number; status: string }[] }>(page, '/api/actions')
    expect(after.actions.find((action) => action.id === added.id)?.status).toBe('in-progress')
    // In French: the column names and the number format follow.
    await page.getByTestId('language').selectOption('fr')
    await expect(page.getByTestId('action-column-in-progress').locator('h3 .status').textContent()).resolves.toBe(
      'En cours',
    )
    expect(await shown.textContent()).toMatch(/^[\d\u202f]+,\d{3} tCO2e$/)
    await page.screenshot({ path: join(screenshots, '09-actions.png'), fullPage: true })
  })
})
