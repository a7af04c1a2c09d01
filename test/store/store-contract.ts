/**
 * One behavioural suite for every store engine: the same operations (the ones the CLI, the API and the
 * dashboard call) run on a workspace opened by `open`, with the same exact expectations. DuckDB and PostgreSQL
 * must give the same figures to the last digit a double can carry.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenedWorkspace } from '../../src/cli/cli-io.js'
import {
  OPERATION_INPUTS,
  OPERATIONS,
  type OperationId,
  type OperationInput,
  type OperationOutput,
} from '../../src/app/operations.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'e2e')

export type StoreOpener = () => Promise<OpenedWorkspace>

/** Registers the contract suite for one engine. */
export function describeStoreContract(engine: string, open: StoreOpener): void {
  describe(`store contract on ${engine}`, () => {
    let workspace: OpenedWorkspace
    beforeEach(async () => {
      workspace = await open()
    })
    afterEach(async () => {
      await workspace.close()
    })

    async function call<Id extends OperationId>(id: Id, input: unknown): Promise<OperationOutput<Id>> {
      const parsed = OPERATION_INPUTS[id].parse(input) as OperationInput<Id>
      const operation = OPERATIONS[id] as unknown as (
        deps: unknown,
        input: OperationInput<Id>,
      ) => Promise<OperationOutput<Id>>
      return operation(workspace.deps, parsed)
    }

    const importFixtures = () =>
      call('inventory.import', {
        files: ['numecoeval-datacenters.csv', 'numecoeval-equipements.csv', 'glpi-parc.csv'].map((name) => ({
          path: join(FIXTURES, name),
          label: name,
        })),
        campaignYear: 2025,
        defaultCampaignYear: 2025,
      })

    it('names its engine', () => {
      expect(workspace.deps.store.engine).toBe(engine)
    })

    it('imports the fixtures whole, rows accepted and quarantined exactly as on every engine', async () => {
      const result = await importFixtures()
      expect(
        result.imports.map((entry) => [
          entry.format,
          entry.rowsRead,
          entry.rowsAccepted,
          entry.rowsQuarantined,
        ]),
      ).toEqual([
        ['numecoeval-datacenter', 2, 2, 0],
        // line 5: dateAchat 2023-13-01 (month 13)
        ['numecoeval-physical', 4, 3, 1],
        // line 6: 31/02/2021 is not a date; line 7: type "Divers" is no known category
        ['glpi', 9, 7, 2],
      ])
      const history = await call('imports.list', { campaignYear: 2025 })
      expect(history.items.map((entry: { fileName: string }) => entry.fileName)).toEqual([
        'numecoeval-datacenters.csv',
        'numecoeval-equipements.csv',
        'glpi-parc.csv',
      ])
    })

    it('gives the golden footprint total and the same organisation × category breakdown', async () => {
      await importFixtures()
      const footprint = await call('footprint.get', { campaignYear: 2025, by: ['organisation', 'category'] })
      // fixtures/e2e/golden-footprint.json (computed by the DuckDB store): 10 assets, 11 units, 1,602.147 kgCO2e.
      expect(footprint.assets).toBe(10)
      expect(footprint.quantity).toBe(11)
      expect(footprint.total.climateKgCo2e).toBeCloseTo(1602.1467881814697, 9)
      expect(footprint.annualKwh).toBeCloseTo(10187.2475, 9)
      const byKey = Object.fromEntries(
        footprint.breakdown.map((row: Record<string, unknown>) => [
          `${String(row['organisation'])} | ${String(row['category'])}`,
          Math.round((row['climateKgCo2e'] as number) * 1e6) / 1e6,
        ]),
      )
      expect(byKey).toEqual(EXPECTED_BREAKDOWN)
    })

    it('reports quality per source with the quarantined lines and reasons', async () => {
      await importFixtures()
      const report = await call('quality.report', { campaignYear: 2025 })
      const sample = (report.quarantineSample as { fileName: string; line: number }[]).map((row) => [
        row.fileName,
        row.line,
      ])
      expect(sample).toEqual([
        ['numecoeval-equipements.csv', 5],
        ['glpi-parc.csv', 6],
        ['glpi-parc.csv', 7],
      ])
    })

    it('explains one asset with the same trace', async () => {
      await importFixtures()
      await call('footprint.get', { campaignYear: 2025 })
      const explanation = (await call('asset.explain', {
        campaignYear: 2025,
        asset: 'PC-69-0002',
      })) as unknown as {
        asset: {
          id: number
          importId: number
          sourceLine: number
          hostname: string
          fileName: string
          organisationPath: string[]
        }
        footprint: { annualKwh: number }
      }
      expect(explanation.asset.hostname).toBe('PC-69-0002')
      expect(explanation.asset.fileName).toBe('glpi-parc.csv')
      // Ids are allocated the same way: 2 datacenters (no asset), 3 NumEcoEval assets, then GLPI line 5 is asset 5.
      expect([explanation.asset.id, explanation.asset.importId, explanation.asset.sourceLine]).toEqual([
        5, 3, 5,
      ])
      expect(explanation.asset.organisationPath).toEqual(['CNAM', 'CPAM Rhône', 'Site Lyon 3'])
      expect(explanation.footprint.annualKwh).toBeCloseTo(EXPECTED_EXPLAIN_KWH, 9)
    })

    it('lists the organisations the imports created', async () => {
      await importFixtures()
      const organisations = await call('organisations.list', { campaignYear: 2025 })
      expect(organisations.items.length).toBe(EXPECTED_ORGANISATIONS)
    })
  })
}

// The DuckDB store's figures (the reference engine, rounded to 1e-6 kgCO2e); they add up to the golden total
// 1,602.146788: 1,201.05499 + 185.572893 + 67.983691 + 40.981033 + 40.23279 + 39.777687 + 19.1172 + 7.426505.
const EXPECTED_BREAKDOWN: Record<string, number> = {
  'CNAM | server': 1201.05499,
  'CNAM | network-switch': 185.572893,
  'CNAM > CPAM Bouches-du-Rhône | laptop': 67.983691,
  'CNAM > CPAM Rhône > Site Lyon 3 | laptop': 40.981033,
  'CNAM > CPAM Bouches-du-Rhône | smartphone': 40.23279,
  'CNAM > CPAM Rhône > Site Lyon 3 | desktop': 39.777687,
  'CNAM > CPAM Rhône > Site Lyon 3 | monitor': 19.1172,
  'CNAM > CPAM Bouches-du-Rhône | printer': 7.426505,
}
// Desktop without telemetry: 70 W × 1,760 h/yr (8 h × 220 working days) = 123.2 kWh.
const EXPECTED_EXPLAIN_KWH = 123.2
// CNAM, CNAM > CPAM Rhône, CNAM > CPAM Rhône > Site Lyon 3, CNAM > CPAM Bouches-du-Rhône.
const EXPECTED_ORGANISATIONS = 4
