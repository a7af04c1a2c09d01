// eslint-disable-next-line no-restricted-imports -- the test reads shared sample files; the code under test stays pure
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  detectFormat,
  FORMAT_PROFILES,
  looksLikeKnownHeader,
  normaliseHeader,
  planColumns,
  type FormatId,
} from './format-profiles.js'

const G4IT = '/work/shared/data/g4it-numecoeval-referential'

/** First line of a shared sample file, split on ';' (BOM kept: detection must cope with it). */
function headerOf(path: string): string[] {
  return readFileSync(`${G4IT}/${path}`, 'utf8').split(/\r?\n/)[0].split(';')
}

const GLPI_FRENCH_LINE =
  "Nom;Entité;Statut;Fabricant;Type;Modèle;Numéro de série;Numéro d'inventaire;Lieu;" +
  "Informations financières et administratives - Date d'achat;Date de réforme;Utilisateur;Valeur"

/** The GLPI line as a Windows-1252 file holds it, decoded the right way and the wrong way. */
const GLPI_BYTES = Buffer.from(GLPI_FRENCH_LINE, 'latin1')
const GLPI_CP1252_HEADER = new TextDecoder('windows-1252').decode(GLPI_BYTES).split(';')
const GLPI_MISREAD_AS_UTF8_HEADER = new TextDecoder('utf-8').decode(GLPI_BYTES).split(';')

const profile = (id: string) => {
  const found = FORMAT_PROFILES.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no profile ${id}`)
  return found
}

describe('normaliseHeader', () => {
  it.each([
    ['Numéro de série', 'numerodeserie'],
    ['  Lieu ', 'lieu'],
    ['purchase_date', 'purchasedate'],
    ['purchaseDate', 'purchasedate'],
    ['PURCHASE DATE', 'purchasedate'],
    ["Informations financières et administratives - Date d'achat", 'datedachat'],
    ['Financial and administrative information - Date of purchase', 'dateofpurchase'],
    ['Ordinateur - Nom', 'nom'],
    ['Computer – Name', 'name'],
    ["Système d'exploitation - Nom", 'systemedexploitationnom'],
    ['\uFEFFnomCourtDatacenter', 'nomcourtdatacenter'],
    ['EntitÃ©', 'entite'],
    ['ModÃ¨le', 'modele'],
    ['Entit\uFFFD', 'entit'],
    ['', ''],
  ])('keys %j as %j', (text, expected) => {
    expect(normaliseHeader(text)).toBe(expected)
  })
})

describe('detectFormat', () => {
  it('decodes the Windows-1252 fixture as expected', () => {
    expect(GLPI_CP1252_HEADER.slice(1, 2)).toEqual(['Entité'])
    expect(GLPI_MISREAD_AS_UTF8_HEADER.slice(1, 2)).toEqual(['Entit\uFFFD'])
  })

  it.each([
    ['a cp1252-decoded French GLPI export', GLPI_CP1252_HEADER, 'glpi'],
    ['the same export misread as UTF-8', GLPI_MISREAD_AS_UTF8_HEADER, 'glpi'],
    [
      'an English GLPI export',
      [
        'Name',
        'Entity',
        'Status',
        'Manufacturer',
        'Type',
        'Model',
        'Serial number',
        'Location',
        'Date of purchase',
      ],
      'glpi',
    ],
    [
      'a GLPI monitor export',
      ['Nom', 'Entité', 'Fabricant', "Modèle d'écran", "Type d'écran", 'Numéro de série'],
      'glpi',
    ],
    [
      'the generic format',
      ['organisation', 'category', 'model', 'quantity', 'purchaseDate', 'country'],
      'generic',
    ],
    ['the generic format in snake_case', ['category', 'purchase_date', 'lifetime_years'], 'generic'],
    ['a generic header that GLPI could also claim', ['status', 'model'], 'generic'],
    ['NumEcoEval physical equipment (specification)', specificationPhysicalHeader(), 'numecoeval-physical'],
    ['a header with nothing known', ['foo', 'bar', 'baz'], null],
    ['an empty header', [], null],
  ])('recognises %s', (_, header, expected) => {
    expect(detectFormat(header)?.id ?? null).toBe(expected)
  })

  it.each([
    ['samples/1-datacenter.csv', 'numecoeval-datacenter'],
    ['samples/2-physicalEquipments.csv', 'numecoeval-physical'],
    ['samples/3-virtualEquipments.csv', 'numecoeval-virtual'],
    // The sample names the VM's source with the JSON spelling nomSourceDonneeEquipementVirtuel, as G4IT does.
    ['samples/4-applications.csv', 'g4it-application'],
    ['input-templates/inv_datacenter.csv', 'numecoeval-datacenter'],
    ['input-templates/inv_physicalEquipment.csv', 'numecoeval-physical'],
    ['input-templates/inv_virtualEquipment.csv', 'g4it-virtual'],
    ['input-templates/inv_application.csv', 'g4it-application'],
    ['input-templates/ds_datacenter.csv', 'numecoeval-datacenter'],
    ['input-templates/ds_physical_equipment_network.csv', 'g4it-physical'],
    ['input-templates/ds_physical_equipment_non_cloud.csv', 'g4it-physical'],
    ['input-templates/ds_physical_equipment_terminal.csv', 'g4it-physical'],
    ['input-templates/ds_virtual_equipment_cloud.csv', 'g4it-virtual'],
    ['input-templates/ds_virtual_equipment_non_cloud.csv', 'g4it-virtual'],
  ])(
    'reads the G4IT file %s as %s (G4IT-only columns such as fabricant make it g4it-physical)',
    (path, expected) => {
      expect(detectFormat(headerOf(path))?.id ?? null).toBe(expected)
    },
  )
})

function specificationPhysicalHeader(): string[] {
  return (
    'nomEquipementPhysique;modele;quantite;nomCourtDatacenter;dateAchat;dateRetrait;dureeUsageInterne;' +
    'dureeUsageAmont;dureeUsageAval;type;statut;paysDUtilisation;consoElecAnnuelle;utilisateur;nomSourceDonnee;' +
    'nomEntite;nbCoeur;modeUtilisation;tauxUtilisation;qualite'
  ).split(';')
}

/** A typical header of each format, as the tool or the specification writes it. */
const TYPICAL_HEADERS: readonly (readonly [string, readonly string[], FormatId])[] = [
  [
    'generic',
    [
      'organisation',
      'site',
      'category',
      'manufacturer',
      'model',
      'serial',
      'quantity',
      'purchaseDate',
      'status',
    ],
    'generic',
  ],
  ['GLPI (French)', GLPI_FRENCH_LINE.split(';'), 'glpi'],
  [
    'GLPI (English)',
    [
      'Name',
      'Entity',
      'Status',
      'Manufacturer',
      'Type',
      'Model',
      'Serial number',
      'Location',
      'Date of purchase',
    ],
    'glpi',
  ],
  ['NumEcoEval physical equipment', specificationPhysicalHeader(), 'numecoeval-physical'],
  [
    'NumEcoEval datacenters',
    ['nomCourtDatacenter', 'nomLongDatacenter', 'pue', 'localisation', 'nomEntite', 'qualite'],
    'numecoeval-datacenter',
  ],
  ['G4IT equipementPhysique (anchors §D.2)', g4itPhysicalHeader(), 'g4it-physical'],
  [
    'NumEcoEval EquipementVirtuel (anchors §D.1)',
    'nomEquipementVirtuel;nomEquipementPhysique;nomSourceDonneeEquipementPhysique;cleRepartition;vCPU;cluster;consoElecAnnuelle;typeEqv;capaciteStockage;nomEntite;qualite'.split(
      ';',
    ),
    'numecoeval-virtual',
  ],
  [
    'G4IT equipementVirtuel (anchors §D.2)',
    'nomEquipementVirtuel;nomEquipementPhysique;nomSourceDonneeEquipementPhysique;cleRepartition;vCPU;cluster;consoElecAn;typeEqv;capaciteStockage;nomEntite;nomSourceDonnee;typeInfrastructure;quantite;provider;typeInstance;location;chargeMoy;dureeUtilisationAnnuelle'.split(
      ';',
    ),
    'g4it-virtual',
  ],
  [
    'NumEcoEval Application (anchors §D.1)',
    'nomApplication;typeEnvironnement;nomEquipementVirtuel;nomSourceEquipementVirtuel;domaine;sousDomaine;nomEntite;nomEquipementPhysique;nomSourceDonnee;qualite'.split(
      ';',
    ),
    'numecoeval-application',
  ],
  [
    'G4IT application (anchors §D.2)',
    'nomApplication;typeEnvironnement;nomEquipementVirtuel;nomSourceDonneeEquipementVirtuel;domaine;sousDomaine;nomEntite;nomSourceDonnee;nomEquipementPhysique;associeAvecUnEquipmentCloud'.split(
      ';',
    ),
    'g4it-application',
  ],
  [
    'NumEcoEval OperationNonIT (anchors §D.1)',
    'nomItemNonIT;quantite;type;dureeDeVie;localisation;nomEntite;nomSourceDonnee;nomCourtDatacenter;description;consoElecAnnuelle;qualite'.split(
      ';',
    ),
    'numecoeval-non-it',
  ],
  [
    'NumEcoEval Messagerie (anchors §D.1)',
    ['nombreMailEmis', 'nombreMailEmisXDestinataires', 'volumeTotalMailEmis', 'MoisAnnee', 'nomEntite'],
    'numecoeval-messaging',
  ],
  [
    'NumEcoEval Entite (anchors §D.1)',
    ['nomEntite', 'nbCollaborateurs', 'responsableEntite', 'responsableNumeriqueResponsable'],
    'numecoeval-entity',
  ],
  [
    'AWS Cost and Usage Report (docs/formats.md#cloud-usage)',
    [
      'bill/BillingEntity',
      'lineItem/UsageStartDate',
      'lineItem/ProductCode',
      'product/instanceType',
      'product/region',
      'product/vcpu',
      'lineItem/UsageAmount',
    ],
    'cloud-usage',
  ],
  [
    'GCP Carbon Footprint export (docs/formats.md#cloud-emissions)',
    ['service.description', 'location.region', 'usage_month', 'carbon_footprint_total_kgCO2e.location_based'],
    'cloud-emissions',
  ],
  [
    'OCS GUI export (French)',
    [
      'TAG',
      'Dernier inventaire',
      'Machine',
      'Utilisateur',
      'Système',
      'RAM(MB)',
      'CPU(MHz)',
      'Fabricant',
      'Modèle',
      'Numéro de série',
    ],
    'ocs',
  ],
  [
    'OCS GUI export (English)',
    [
      'TAG',
      'Last inventory',
      'Computer',
      'User',
      'Operating system',
      'RAM (MB)',
      'CPU (MHz)',
      'Manufacturer',
      'Model',
      'Serial number',
    ],
    'ocs',
  ],
  [
    'OCS database columns',
    ['NAME', 'TAG', 'OSNAME', 'SMANUFACTURER', 'SMODEL', 'SSN', 'TYPE', 'LASTDATE'],
    'ocs',
  ],
  [
    'Intune All devices export',
    [
      'Device ID',
      'Device name',
      'Enrollment date',
      'Last check-in',
      'OS version',
      'Serial number',
      'Manufacturer',
      'Model',
      'Category',
      'Primary user UPN',
      'Ownership',
      'OS',
    ],
    'intune',
  ],
  [
    'Intune through Microsoft Graph',
    [
      'id',
      'deviceName',
      'managedDeviceOwnerType',
      'enrolledDateTime',
      'lastSyncDateTime',
      'operatingSystem',
      'osVersion',
      'manufacturer',
      'model',
      'serialNumber',
      'userPrincipalName',
    ],
    'intune',
  ],
  [
    'SCCM hardware extract',
    [
      'Name0',
      'Manufacturer0',
      'Model0',
      'SerialNumber0',
      'ChassisTypes0',
      'Is_Virtual_Machine0',
      'AD_Site_Name0',
      'Creation_Date0',
      'InstallDate0',
    ],
    'sccm',
  ],
  [
    'Snipe-IT custom report',
    [
      'Company',
      'Asset Name',
      'Asset Tag',
      'Model',
      'Model No.',
      'Category',
      'Manufacturer',
      'Serial',
      'Purchase Date',
      'Purchase Cost',
      'EOL',
      'Location',
      'Status',
    ],
    'snipeit',
  ],
  [
    'Snipe-IT import CSV',
    [
      'Company',
      'Name',
      'Asset Tag',
      'Category',
      'Supplier',
      'Manufacturer',
      'Location',
      'Order Number',
      'Model',
      'Model Notes',
      'Model Number',
      'Asset Notes',
      'Purchase Date',
      'Purchase Cost',
    ],
    'snipeit',
  ],
  [
    'purchase orders (French)',
    [
      'N° de commande',
      'Date de commande',
      'Fournisseur',
      'Fabricant',
      'Référence fabricant',
      'Désignation',
      'Code CPV',
      'Quantité',
      'Prix unitaire',
      'Centre de coût',
      'Site de livraison',
    ],
    'purchases',
  ],
  [
    'purchase orders (English)',
    [
      'PO number',
      'Order date',
      'Supplier',
      'Manufacturer',
      'Manufacturer part number',
      'Item description',
      'UNSPSC',
      'Quantity',
      'Unit price',
      'Cost center',
      'Delivery site',
    ],
    'purchases',
  ],
]

/** The smallest headers each format is still recognised from (its most distinctive columns). */
const MINIMAL_HEADERS: readonly (readonly [string, readonly string[], FormatId])[] = [
  ['OCS by its tag and last inventory', ['TAG', 'Dernier inventaire', 'Machine'], 'ocs'],
  ['OCS bios columns', ['SMODEL', 'SSN'], 'ocs'],
  ['Intune by device name, OS and ownership', ['Device name', 'OS', 'Model', 'Ownership'], 'intune'],
  ['SCCM by its chassis column', ['Name0', 'ChassisTypes0'], 'sccm'],
  ['Snipe-IT by its asset tag', ['Asset Tag', 'Asset Name', 'Model'], 'snipeit'],
  ['purchase orders by date and designation', ['Date de commande', 'Désignation', 'Quantité'], 'purchases'],
  ['purchase orders by MPN and unit price', ['MPN', 'Unit price'], 'purchases'],
  [
    'G4IT by fabricant',
    ['nomEquipementPhysique', 'modele', 'type', 'statut', 'paysDUtilisation', 'fabricant'],
    'g4it-physical',
  ],
  [
    'a NumEcoEval header (tie with G4IT: NumEcoEval, listed first)',
    ['nomEquipementPhysique', 'modele', 'type'],
    'numecoeval-physical',
  ],
  ['a G4IT cloud VM by its cloud columns', ['nomEquipementVirtuel', 'provider', 'chargeMoy'], 'g4it-virtual'],
  [
    'an entity with the JSON spelling of its digital manager',
    ['nomEntite', 'nbCollaborateurs', 'responsableNumeriqueDurable'],
    'numecoeval-entity',
  ],
  [
    'an AWS Cost and Usage Report (CUR 2.0 snake_case)',
    [
      'line_item_usage_start_date',
      'line_item_product_code',
      'product_instance_type',
      'product_region',
      'product_vcpu',
      'line_item_usage_amount',
      'line_item_unblended_cost',
    ],
    'cloud-usage',
  ],
  [
    'a GCP billing export (BigQuery)',
    [
      'service.description',
      'sku.description',
      'usage_start_time',
      'location.region',
      'usage.amount_in_pricing_units',
      'cost',
    ],
    'cloud-usage',
  ],
  [
    'a GCP Carbon Footprint export',
    [
      'usage_month',
      'project.id',
      'service.description',
      'location.region',
      'carbon_footprint_total_kgCO2e.location_based',
    ],
    'cloud-emissions',
  ],
  [
    'an AWS Customer Carbon Footprint Tool export (metric tonnes)',
    ['usage_period_start', 'product_code', 'region_code', 'total_mbm_emissions_value'],
    'cloud-emissions',
  ],
  [
    'a short generic header that Snipe-IT could also claim (tie: generic)',
    ['category', 'manufacturer', 'model', 'serial', 'purchaseDate', 'status'],
    'generic',
  ],
  [
    'a short GLPI header that OCS could also claim (tie: GLPI)',
    ['Nom', 'Fabricant', 'Modèle', 'Numéro de série', 'Type'],
    'glpi',
  ],
]

describe('detectFormat across formats', () => {
  it.each(TYPICAL_HEADERS)('recognises the %s header', (_, header, expected) => {
    expect(detectFormat(header)?.id).toBe(expected)
  })

  it('recognises every profile from at least one typical header', () => {
    expect(new Set(TYPICAL_HEADERS.map(([, , id]) => id))).toEqual(
      new Set(FORMAT_PROFILES.map((known) => known.id)),
    )
  })

  it.each(MINIMAL_HEADERS)('recognises %s', (_, header, expected) => {
    expect(detectFormat(header)?.id).toBe(expected)
  })

  it.each(TYPICAL_HEADERS)(
    'recognises the %s header with a BOM and in other letter cases',
    (_, header, expected) => {
      const shouted = header.map((label, index) =>
        index === 0 ? `\uFEFF${label.toUpperCase()}` : label.toLowerCase(),
      )
      expect(detectFormat(shouted)?.id).toBe(expected)
    },
  )

  it.each(TYPICAL_HEADERS)(
    'maps the columns of the %s header with its own profile',
    (name, header, expected) => {
      const plan = planColumns(header, profile(expected))
      expect(plan.missingRequired).toEqual([])
      // Free-text notes are the only columns no field uses.
      expect(plan.unknownColumns).toEqual(
        name === 'Snipe-IT import CSV' ? ['Model Notes', 'Asset Notes'] : [],
      )
    },
  )
})

describe('planColumns on the new formats', () => {
  it.each([
    [
      'sccm',
      [
        'Name0',
        'Model0',
        'ChassisTypes0',
        'Is_Virtual_Machine0',
        'InstallDate0',
        'Creation_Date0',
        'AD_Site_Name0',
      ],
      {
        hostname: 0,
        model: 1,
        chassisType: 2,
        virtualMachine: 3,
        systemInstallDate: 4,
        firstSeenDate: 5,
        site: 6,
      },
    ],
    [
      'intune',
      ['Device name', 'Enrollment date', 'OS', 'Ownership', 'Category', 'Serial number'],
      { hostname: 0, enrollmentDate: 1, operatingSystem: 2, ownership: 3, category: 4, serial: 5 },
    ],
    [
      'purchases',
      [
        'Order date',
        'MPN',
        'Item description',
        'Qty',
        'Unit price',
        'CPV',
        'UNSPSC',
        'Cost center',
        'Delivery site',
      ],
      {
        purchaseDate: 0,
        model: 1,
        description: 2,
        quantity: 3,
        purchaseCost: 4,
        cpvCode: 5,
        unspscCode: 6,
        organisation: 7,
        site: 8,
      },
    ],
    [
      'snipeit',
      ['Asset Name', 'Model', 'Model No.', 'EOL', 'Purchase Cost', 'Country'],
      { hostname: 0, model: 1, modelNumber: 2, endOfLife: 3, purchaseCost: 4, country: 5 },
    ],
  ] as const)('maps a %s header', (id, header, expected) => {
    expect(planColumns(header, profile(id)).fieldIndex).toEqual(expected)
  })

  it('names the column a format cannot do without', () => {
    expect(planColumns(['Name0', 'Model0'], profile('sccm')).missingRequired).toEqual(['ChassisTypes0'])
    expect(planColumns(['Device name', 'Model'], profile('intune')).missingRequired).toEqual(['OS'])
  })
})

function g4itPhysicalHeader(): string[] {
  return (
    'nomEquipementPhysique;nomEntite;nomSourceDonnee;modele;quantite;type;statut;paysDUtilisation;utilisateur;' +
    'dateAchat;dateRetrait;nbCoeur;nomCourtDatacenter;consoElecAnnuelle;fabricant;tailleDuDisque;tailleMemoire;' +
    'typeDeProcesseur;dureeUtilisation;nombreUtilisateur'
  ).split(';')
}

describe('planColumns', () => {
  it('maps every column of a French GLPI export, prefixed ones included', () => {
    const plan = planColumns(GLPI_CP1252_HEADER, profile('glpi'))
    expect(plan.fieldIndex).toEqual({
      hostname: 0,
      organisation: 1,
      status: 2,
      manufacturer: 3,
      category: 4,
      model: 5,
      serial: 6,
      inventoryNumber: 7,
      site: 8,
      purchaseDate: 9,
      retirementDate: 10,
      user: 11,
      purchaseValue: 12,
    })
    expect(plan.unknownColumns).toEqual([])
    expect(plan.missingRequired).toEqual([])
    expect(plan.header).toBe(GLPI_CP1252_HEADER)
  })

  it('maps a GLPI header whose accents were lost in decoding', () => {
    const plan = planColumns(GLPI_MISREAD_AS_UTF8_HEADER, profile('glpi'))
    expect([plan.fieldIndex.organisation, plan.fieldIndex.model, plan.fieldIndex.serial]).toEqual([1, 5, 6])
    expect(plan.unknownColumns).toEqual([])
  })

  it('prefers an unprefixed label, then the leftmost column, and lists the rest as unknown', () => {
    const header = [
      'Ordinateur - Nom',
      'Nom',
      "Système d'exploitation - Nom",
      'Modèle',
      "Modèle d'écran",
      'Commentaires',
      '',
    ]
    const plan = planColumns(header, profile('glpi'))
    expect(plan.fieldIndex).toEqual({ hostname: 1, model: 3 })
    expect(plan.unknownColumns).toEqual([
      'Ordinateur - Nom',
      "Système d'exploitation - Nom",
      "Modèle d'écran",
      'Commentaires',
    ])
  })

  it('maps the NumEcoEval specification header completely', () => {
    const plan = planColumns(specificationPhysicalHeader(), profile('numecoeval-physical'))
    expect(plan.unknownColumns).toEqual([])
    expect(plan.fieldIndex.lifetimeYears).toBe(6)
    expect(plan.fieldIndex.ownership).toBe(17)
    expect(plan.fieldIndex.utilisationRate).toBe(18)
  })

  it('ignores the empty header a trailing separator leaves', () => {
    const plan = planColumns(headerOf('samples/1-datacenter.csv'), profile('numecoeval-datacenter'))
    expect(plan.fieldIndex).toEqual({ shortName: 0, longName: 1, pue: 2, country: 3, organisation: 4 })
    expect(plan.unknownColumns).toEqual([])
  })

  it('names the required columns a header lacks, by their first label', () => {
    const plan = planColumns(['modele', 'quantite', 'statut'], profile('numecoeval-physical'))
    expect(plan.missingRequired).toEqual(['nomEquipementPhysique', 'type'])
    expect(
      planColumns(['nomLongDatacenter', 'pue'], profile('numecoeval-datacenter')).missingRequired,
    ).toEqual(['nomCourtDatacenter'])
  })
})

describe('looksLikeKnownHeader', () => {
  it.each([
    [GLPI_CP1252_HEADER, true],
    [headerOf('samples/2-physicalEquipments.csv'), true],
    [['PC-001', 'CNAM > CPAM 75', 'En service', 'Dell', 'Portable', 'Latitude 5420', 'ABC123'], false],
    [
      ['physical-eq-1', 'Physical Server unknown', '1', '', '2020-07-08', '', 'Server', 'In use', 'France'],
      false,
    ],
    [['Export GLPI du 12/03/2024', '', ''], false],
    [['Ordinateurs'], false],
  ])('says %j is a header: %s', (cells, expected) => {
    expect(looksLikeKnownHeader(cells)).toBe(expected)
  })
})
