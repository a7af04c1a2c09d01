import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'
import { createAdministratorToken } from './support/api-token.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { openWorkspace } from '../src/main.js'

const cli = (argv: string[]) => runCli(argv)

// Three GLPI devices; the Intune export sees two of them (serials 5CG1A2B3 and 7XK2Q34, the second written
// "7xk2-q34"), plus one device GLPI does not know.
const GLPI = [
  "Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série;Lieu;Date d'achat",
  'PC-0001;CNAM > CPAM Rhône;En service;Dell Inc.;Latitude 5420;Ordinateur portable;5CG1A2B3;Lyon;15/03/2021',
  'PC-0002;CNAM > CPAM Rhône;En service;Dell Inc.;OptiPlex 7090;Ordinateur fixe;7XK2Q34;Lyon;01/06/2020',
  'PC-0003;CNAM > CPAM Rhône;En service;HP;EliteBook 840 G8;Ordinateur portable;;Lyon;10/01/2022',
].join('\r\n')
const INTUNE_HEADER =
  '"Device ID","Device name","Enrollment date","Serial number","Manufacturer","Model","Ownership","OS"'
const INTUNE = [
  INTUNE_HEADER,
  '"a1","PC-0001","2021-04-02 09:00:00","5CG1A2B3","Dell Inc.","Latitude 5420","Corporate","Windows"',
  '"a2","PC-0002","2020-07-01 09:00:00","7xk2-q34","Dell Inc.","OptiPlex 7010","Corporate","Windows"',
  '"a3","PC-0099","2023-09-01 09:00:00","9ZZ8YY7","Lenovo","ThinkPad T14","Personal","Windows"',
].join('\r\n')

describe('harmonisation: reconciliation, mapping rules, incremental re-import, end to end', () => {
  let directory: string
  let workspace: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-harmonise-'))
    workspace = join(directory, 'ws')
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })
  const json = async (argv: string[]): Promise<Record<string, unknown>> => {
    const result = await cli([...argv, '--workspace', workspace, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    return JSON.parse(result.stdout) as Record<string, unknown>
  }

  it('merges the same device found in GLPI and Intune, keeps where each field came from and reports conflicts', async () => {
    await writeFile(join(directory, 'glpi.csv'), GLPI)
    await writeFile(join(directory, 'intune.csv'), INTUNE)
    const report = await json([
      'import',
      join(directory, 'glpi.csv'),
      join(directory, 'intune.csv'),
      '--campaign',
      '2025',
    ])
    // 3 GLPI rows + 3 Intune rows; 2 devices in both (by serial, "7xk2-q34" normalised to 7XK2Q34): 4 rows merged.
    expect(report['reconciliation']).toEqual({
      devices: 2,
      bySerial: 2,
      byHostname: 0,
      sourceRows: 4,
      // OptiPlex 7090 (GLPI) vs 7010 (Intune): Intune's agent wins the model; the purchase dates differ by
      // less than 31 days for PC-0001 (15/03 vs enrolment, not a purchase date: Intune has none) — no conflict.
      conflicts: [{ field: 'model', conflicts: 1, devices: 1 }],
    })
    const footprint = (await json(['footprint'])) as { assets: number }
    expect(footprint.assets).toBe(4) // 6 source rows − 4 merged + 2 reconciled
    const explained = (await json(['explain', '7XK2Q34'])) as {
      asset: { importId: number; model: string; purchaseDay: number; ownership: string }
      reconciliation: {
        members: { fileName: string; line: number }[]
        provenance: { field: string; fileName: string; line: number }[]
        conflicts: { field: string; chosen: string; other: string }[]
      }
    }
    expect(explained.asset.importId).toBe(0)
    expect(explained.asset.model).toBe('OptiPlex 7010')
    // 01/06/2020 = day 18414 (2020-06-01 is 18,414 days after 1970-01-01), from GLPI's line 3.
    expect(explained.asset.purchaseDay).toBe(18414)
    expect(explained.asset.ownership).toBe('company')
    expect(explained.reconciliation.members.map((member) => [member.fileName, member.line])).toEqual([
      ['glpi.csv', 3],
      ['intune.csv', 3],
    ])
    const from = Object.fromEntries(
      explained.reconciliation.provenance.map((entry) => [entry.field, `${entry.fileName}:${entry.line}`]),
    )
    expect(from['model']).toBe('intune.csv:3')
    expect(from['purchaseDate']).toBe('glpi.csv:3')
    expect(from['organisation']).toBe('glpi.csv:3')
    expect(from['ownership']).toBe('intune.csv:3')
    expect(explained.reconciliation.conflicts).toEqual([
      {
        assetId: expect.any(Number),
        field: 'model',
        chosen: 'Dell Inc. OptiPlex 7010 (desktop)',
        chosenFile: 'intune.csv',
        other: 'Dell Inc. OptiPlex 7090 (desktop)',
        otherFile: 'glpi.csv',
      },
    ])
    // The same pass through the API: POST /api/reconciliation answers the counts and lists the conflict.
    const opened = await openWorkspace(workspace, {
      create: false,
      progress: { start: () => {}, advance: () => {}, stop: () => {} },
    })
    try {
      const response = await createHttpApp(opened.deps).request('/api/reconciliation?conflicts=10', {
        method: 'POST',
        headers: { authorization: `Bearer ${await createAdministratorToken(opened.deps)}` },
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as Record<string, unknown>
      expect(body).toMatchObject({ campaign: 2025, devices: 2, bySerial: 2, byHostname: 0, sourceRows: 4 })
      expect(body['conflictList']).toEqual(explained.reconciliation.conflicts)
    } finally {
      await opened.close()
    }
  })

  it('saves mapping rules, applies them to later imports and computations, and round-trips them as a file', async () => {
    await writeFile(join(directory, 'glpi.csv'), GLPI)
    const first = await json(['import', join(directory, 'glpi.csv'), '--campaign', '2025'])
    const proposals = first['proposals'] as {
      assets: number
      unresolvedAssets: number
      proposals: { pattern: string }[]
    }
    // The default referential has no model-level item: all 3 units fall back to a category default.
    expect([proposals.assets, proposals.unresolvedAssets]).toEqual([3, 3])
    expect(proposals.proposals.map((proposal) => proposal.pattern).sort()).toEqual([
      'dell latitude 5420',
      'dell optiplex 7090',
      'hp elitebook 840 g8',
    ])
    await json(['mapping', 'set', 'HP EliteBook 8*', '--item', 'ademe-desktop-pro', '--lifetime', '6'])
    const explained = (await json(['explain', 'PC-0003'])) as {
      modelResolution: { method: string; ruleId: number }
      footprint: { referenceItemId: string }
    }
    expect(explained.modelResolution).toMatchObject({ method: 'rule', ruleId: 1 })
    expect(explained.footprint.referenceItemId).toBe('ademe-desktop-pro')
    // Import-time defaults apply to the next import: the same model in a new file gets lifetime 6, imputed.
    await writeFile(
      join(directory, 'glpi-2.csv'),
      GLPI.split('\r\n')
        .slice(0, 1)
        .concat(GLPI.split('\r\n')[3]!.replace('PC-0003', 'PC-0004'))
        .join('\r\n'),
    )
    const second = await json(['import', join(directory, 'glpi-2.csv')])
    expect(String((second['imports'] as { assumptions: string[] }[])[0]!.assumptions)).toContain(
      'mapping rule 1 "hp elitebook 8*" applied to 1 row(s)',
    )
    const fourth = (await json(['explain', 'PC-0004'])) as {
      asset: { lifetimeYears: number; imputed: string[] }
    }
    expect(fourth.asset.lifetimeYears).toBe(6)
    expect(fourth.asset.imputed).toContain('lifetimeYears')
    // Export, then a bad file: nothing saved, the error names line and column.
    await json(['mapping', 'export', join(directory, 'rules.csv')])
    await writeFile(
      join(directory, 'bad-rules.csv'),
      'pattern;reference_item;category\ndell latitude 5420;ademe-laptop;\nhp *;no-such-item;\n;;laptop\n',
    )
    const bad = await cli(['mapping', 'import', join(directory, 'bad-rules.csv'), '--workspace', workspace])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'bad-rules.csv, line 3, column "reference_item": unknown reference item "no-such-item"',
    )
    expect(bad.stderr).toContain('bad-rules.csv, line 4, column "pattern"')
    expect(((await json(['mapping', 'list'])) as { rules: unknown[] }).rules).toHaveLength(1)
    await json(['mapping', 'remove', 'hp elitebook 8*'])
    const imported = await json(['mapping', 'import', join(directory, 'rules.csv')])
    expect(imported).toMatchObject({ added: 1, updated: 0, removed: 0 })
  })

  it("replaces an organisation's earlier rows from the same source, leaving other organisations alone", async () => {
    const header = 'organisation;category;model;serial;quantity'
    await writeFile(join(directory, 'a-v1.csv'), `${header}\nA;laptop;X1;S-A1;1\nA;laptop;X1;S-A2;1\n`)
    await writeFile(join(directory, 'b.csv'), `${header}\nB;laptop;X1;S-B1;1\n`)
    await writeFile(join(directory, 'a-v2.csv'), `${header}\nA;laptop;X1;S-A1;1\nA;desktop;Y;S-A3;3\n`)
    await json(['import', join(directory, 'a-v1.csv'), '--organisation', 'A', '--campaign', '2025'])
    await json(['import', join(directory, 'b.csv'), '--organisation', 'B'])
    const second = await json(['import', join(directory, 'a-v2.csv'), '--organisation', 'A'])
    expect(String((second['imports'] as { assumptions: string[] }[])[0]!.assumptions)).toMatch(
      /incremental re-import: 2 earlier row\(s\) of A from source "generic" removed \(replaces import 1\)/,
    )
    const footprint = (await json(['footprint', '--by', 'organisation'])) as {
      quantity: number
      breakdown: { organisation: string; quantity: number }[]
    }
    // A: 1 + 3 units from the new file; B untouched: 1 unit.
    expect(footprint.breakdown.map((row) => [row.organisation, row.quantity]).sort()).toEqual([
      ['A', 4],
      ['B', 1],
    ])
    // --append keeps the earlier rows: A gains 2 more units.
    await writeFile(join(directory, 'a-extra.csv'), `${header}\nA;laptop;X1;S-A9;2\n`)
    await json(['import', join(directory, 'a-extra.csv'), '--organisation', 'A', '--append'])
    const after = (await json(['footprint', '--by', 'organisation'])) as typeof footprint
    expect(after.breakdown.map((row) => [row.organisation, row.quantity]).sort()).toEqual([
      ['A', 6],
      ['B', 1],
    ])
  })
})
