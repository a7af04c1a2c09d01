import { describe, expect, it } from 'vitest'
import { civilFromDay, dayFromCivil } from './civil-date.js'
import { generateDemoFleet, type DemoTable } from './generate-demo-fleet.js'
import { iterateGlpiComputerRows } from './iterate-glpi-computer-rows.js'

const GLPI_HEADER =
  "Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série;Lieu;Date d'achat;Date de réforme;Utilisateur"
const small = generateDemoFleet({ referenceYear: 2025, organisations: 5, workstations: 1000 })
const table = (tables: DemoTable[], fileName: string): DemoTable =>
  tables.find((candidate) => candidate.fileName === fileName) as DemoTable
const glpiTables = (tables: DemoTable[]): DemoTable[] =>
  tables.filter((candidate) => candidate.format === 'glpi')

/** True when `text` is a real calendar day dd/mm/yyyy, optionally followed by ` hh:mm`. */
function isFrenchDate(text: string): boolean {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})(?: \d{2}:\d{2})?$/.exec(text)
  if (match === null) return false
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // An impossible day (31/02) rolls over to another month on the way back.
  return month >= 1 && month <= 12 && civilFromDay(dayFromCivil(year, month, day)).day === day
}

describe('generateDemoFleet', () => {
  it('gives identical tables for the same options and different ones for another seed', () => {
    expect(generateDemoFleet({ referenceYear: 2025, organisations: 5, workstations: 1000 })).toEqual(small)
    const other = generateDemoFleet({ referenceYear: 2025, organisations: 5, workstations: 1000, seed: 7 })
    expect(table(other, 'glpi-ordinateurs.csv').rows).not.toEqual(table(small, 'glpi-ordinateurs.csv').rows)
  })

  it('writes the six files with their exact formats, headers and row counts for 5 bodies and 1,000 seats', () => {
    expect(
      small.map((item) => [item.fileName, item.format, item.encoding, item.delimiter, item.rows.length]),
    ).toEqual([
      ['glpi-ordinateurs.csv', 'glpi', 'windows-1252', ';', 1000],
      ['glpi-moniteurs.csv', 'glpi', 'windows-1252', ';', 1261],
      // ~10% smartphones + ~70% desk phones of 1,000 seats ≈ 800; the seeded draw gives 790.
      ['glpi-telephones.csv', 'glpi', 'windows-1252', ';', 790],
      ['glpi-imprimantes.csv', 'glpi', 'windows-1252', ';', 66],
      ['numecoeval-datacenters.csv', 'numecoeval-datacenter', 'utf-8', ';', 2],
      ['numecoeval-equipements-physiques.csv', 'numecoeval-physical', 'utf-8', ';', 38],
    ])
    for (const glpi of glpiTables(small)) expect(glpi.header.join(';')).toBe(GLPI_HEADER)
    expect(table(small, 'numecoeval-datacenters.csv').header.join(';')).toBe(
      'nomCourtDatacenter;nomLongDatacenter;pue;localisation;nomEntite;qualite',
    )
    expect(table(small, 'numecoeval-datacenters.csv').rows).toEqual([
      ['DC-NORD', 'Datacenter national Nord', '1.6', 'France', 'CNAM', 'HAUTE'],
      ['DC-SUD', 'Datacenter national Sud', '1.45', 'France', 'CNAM', 'HAUTE'],
    ])
    expect(table(small, 'numecoeval-equipements-physiques.csv').header.join(';')).toBe(
      'nomEquipementPhysique;modele;quantite;nomCourtDatacenter;dateAchat;dateRetrait;dureeUsageInterne;' +
        'dureeUsageAmont;dureeUsageAval;type;statut;paysDUtilisation;consoElecAnnuelle;utilisateur;' +
        'nomSourceDonnee;nomEntite;nbCoeur;modeUtilisation;tauxUtilisation;qualite',
    )
  })

  it('splits seats into 60% laptops, 35% desktops and 5% thin clients (exact counts for seed 42)', () => {
    const types = new Map<string, number>()
    for (const row of table(small, 'glpi-ordinateurs.csv').rows)
      types.set(row[5], (types.get(row[5]) ?? 0) + 1)
    expect(Object.fromEntries(types)).toEqual({
      'Ordinateur fixe': 355,
      'Ordinateur portable': 603,
      'Client léger': 42,
    })
  })

  it('puts every row under CNAM, in exactly 5 local bodies, with a site level', () => {
    const bodies = new Set<string>()
    for (const glpi of glpiTables(small)) {
      for (const row of glpi.rows) {
        const path = row[1].split(' > ')
        expect(path).toHaveLength(3)
        expect(path[0]).toBe('CNAM')
        expect(path[2]).toMatch(/^Site /)
        bodies.add(path[1])
      }
    }
    expect([...bodies]).toEqual([
      'CPAM Paris',
      'CPAM Rhône',
      'CARSAT Bretagne',
      'CGSS Martinique',
      'UGECAM Île-de-France',
    ])
  })

  it('gives unique serial numbers and host names, and only valid dd/mm/yyyy dates', () => {
    const serials = new Set<string>()
    const names = new Set<string>()
    let rows = 0
    let missingPurchase = 0
    for (const glpi of glpiTables(small)) {
      for (const row of glpi.rows) {
        rows++
        serials.add(row[6])
        names.add(row[0])
        expect(row).toHaveLength(11)
        if (row[8] === '') missingPurchase++
        else expect(isFrenchDate(row[8]), row[8]).toBe(true)
        if (row[9] !== '') expect(isFrenchDate(row[9]), row[9]).toBe(true)
      }
    }
    expect(serials.size).toBe(rows)
    expect(names.size).toBe(rows)
    expect(missingPurchase / rows).toBeGreaterThan(0.015)
    expect(missingPurchase / rows).toBeLessThan(0.045)
  })

  it('dates purchases within the 7 years before the end of the reference year', () => {
    const first = dayFromCivil(2019, 1, 1)
    const last = dayFromCivil(2025, 12, 31)
    for (const row of table(small, 'glpi-ordinateurs.csv').rows) {
      if (row[8] === '') continue
      const [day, month, year] = row[8].slice(0, 10).split('/').map(Number)
      const purchase = dayFromCivil(year, month, day)
      expect(purchase).toBeGreaterThanOrEqual(first)
      expect(purchase).toBeLessThanOrEqual(last)
    }
    for (const row of table(small, 'numecoeval-equipements-physiques.csv').rows) {
      expect(row[4]).toMatch(/^20(19|2[0-5])-\d{2}-\d{2}$/)
    }
  })

  it('lists servers, storage, switches and routers in the two datacenters', () => {
    const types = new Map<string, number>()
    for (const row of table(small, 'numecoeval-equipements-physiques.csv').rows) {
      types.set(row[9], (types.get(row[9]) ?? 0) + 1)
      expect(['DC-NORD', 'DC-SUD']).toContain(row[3])
      expect([row[2], row[10], row[11], row[15]]).toEqual(['1', 'In use', 'France', 'CNAM'])
    }
    // 1,000 seats × 0.013 = 13 servers: 7 + 6, each with 1.468 switches, 0.286 routers, 1 storage per 25.
    expect(Object.fromEntries(types)).toEqual({ Server: 13, Storage: 2, Switch: 19, Router: 4 })
  })

  it('injects the asked share of faulty GLPI rows without moving any other row', () => {
    const broken = generateDemoFleet({
      referenceYear: 2025,
      organisations: 5,
      workstations: 1000,
      brokenRows: 0.05,
    })
    let rows = 0
    let faulty = 0
    for (const glpi of glpiTables(broken)) {
      const clean = table(small, glpi.fileName)
      expect(glpi.rows).toHaveLength(clean.rows.length)
      glpi.rows.forEach((row, index) => {
        rows++
        if (row.join(';') === clean.rows[index].join(';')) return
        faulty++
        const isBadDate = row[8] !== clean.rows[index][8] && !isFrenchDate(row[8])
        const isBadType = row[5] !== clean.rows[index][5] && (row[5] === 'Divers' || row[5] === '')
        expect(isBadDate || isBadType, row.join(';')).toBe(true)
      })
    }
    expect(faulty / rows).toBeGreaterThan(0.04)
    expect(faulty / rows).toBeLessThan(0.06)
    expect(table(broken, 'numecoeval-equipements-physiques.csv')).toEqual(
      table(small, 'numecoeval-equipements-physiques.csv'),
    )
  })

  it('builds the default fleet: 500 local bodies and 100,000 seats (within 2%)', () => {
    const fleet = generateDemoFleet({ referenceYear: 2025 })
    const computers = table(fleet, 'glpi-ordinateurs.csv').rows
    expect(computers.length).toBeGreaterThanOrEqual(98_000)
    expect(computers.length).toBeLessThanOrEqual(102_000)
    expect(new Set(computers.map((row) => row[1].split(' > ')[1])).size).toBe(500)
    const servers = table(fleet, 'numecoeval-equipements-physiques.csv').rows.filter(
      (row) => row[9] === 'Server',
    )
    expect(servers).toHaveLength(1300)
  })
})

describe('iterateGlpiComputerRows', () => {
  it('yields the same rows as the fleet computer file, faulty rows included', () => {
    const options = { referenceYear: 2025, organisations: 5, workstations: 1000, brokenRows: 0.05 }
    const rows = [...iterateGlpiComputerRows({ ...options, seed: 42, rows: options.workstations })]
    expect(rows).toEqual(table(generateDemoFleet(options), 'glpi-ordinateurs.csv').rows)
  })
})
