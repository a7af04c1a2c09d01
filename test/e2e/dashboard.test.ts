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
})
