import { describe, expect, it } from 'vitest'
import { FORMAT_PROFILES, planColumns } from '../formats/format-profiles.js'
import type { InventoryRecord } from './inventory-records.js'
import { collectReferences, createReferenceCollector, unknownReferenceFindings } from './record-references.js'

const profile = (id: string) => FORMAT_PROFILES.find((candidate) => candidate.id === id)!

function vm(line: number, host: string | null, cloud = false): InventoryRecord {
  return {
    kind: 'virtual-equipment',
    sourceLine: line,
    organisationPath: ['DSI'],
    name: `vm-${line}`,
    physicalEquipment: host,
    physicalEquipmentSource: null,
    infrastructureType: cloud ? 'CLOUD_SERVICES' : 'NON_CLOUD_SERVERS',
    quantity: 1,
    allocationShare: null,
    vcpu: null,
    cluster: null,
    annualKwh: null,
    type: null,
    storageCapacity: null,
    provider: null,
    instanceType: null,
    location: null,
    averageLoad: null,
    annualUsageHours: null,
    dataSource: null,
    quality: null,
  }
}

describe('record references', () => {
  it('warns once per VM row whose host the campaign does not hold; cloud instances name no host', () => {
    const plan = planColumns(
      ['nomEquipementVirtuel', 'nomEquipementPhysique', 'vCPU'],
      profile('numecoeval-virtual'),
    )
    const references = createReferenceCollector(plan)!
    collectReferences(references, [vm(4, 'srv-2'), vm(2, 'srv-1'), vm(3, 'srv-2'), vm(5, 'srv-9', true)])
    expect([...references.linesByName]).toEqual([
      ['srv-2', [4, 3]],
      ['srv-1', [2]],
    ])
    expect(unknownReferenceFindings(references, ['srv-2'])).toEqual([
      {
        line: 3,
        column: 'nomEquipementPhysique',
        code: 'unknown_reference',
        severity: 'warning',
        message:
          'nomEquipementPhysique "srv-2" names no physical equipment of the campaign (not imported yet, or misspelt)',
        value: 'srv-2',
      },
      {
        line: 4,
        column: 'nomEquipementPhysique',
        code: 'unknown_reference',
        severity: 'warning',
        message:
          'nomEquipementPhysique "srv-2" names no physical equipment of the campaign (not imported yet, or misspelt)',
        value: 'srv-2',
      },
    ])
  })

  it('has nothing to check in files that name no other row, or lack the column', () => {
    expect(
      createReferenceCollector(planColumns(['nomEntite', 'nbCollaborateurs'], profile('numecoeval-entity'))),
    ).toBe(null)
    expect(
      createReferenceCollector(
        planColumns(['nomApplication', 'typeEnvironnement'], profile('numecoeval-application')),
      ),
    ).toBe(null)
  })
})
