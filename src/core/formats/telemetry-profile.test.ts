import { describe, expect, it } from 'vitest'
import { planTelemetryColumns } from './telemetry-profile.js'

describe('planTelemetryColumns', () => {
  it.each([
    [
      ['date', 'hostname', 'poweredOnHours', 'activeHours'],
      { day: 'date', device: 'hostname', poweredHours: 'poweredOnHours', activeHours: 'activeHours' },
    ],
    [
      ['Jour', 'Poste', "Heures d'allumage", 'Heures actives', 'Site'],
      { day: 'Jour', device: 'Poste', poweredHours: "Heures d'allumage", activeHours: 'Heures actives' },
    ],
    [
      ['Date', 'Device name', 'Power on hours'],
      { day: 'Date', device: 'Device name', poweredHours: 'Power on hours', activeHours: null },
    ],
  ])('maps %j', (header, plan) => {
    expect(planTelemetryColumns(header)).toEqual(plan)
  })

  it('says an inventory header is not telemetry', () => {
    expect(planTelemetryColumns(['Nom', 'Entité', 'Statut', 'Fabricant', 'Modèle', 'Type'])).toBeNull()
  })
})
