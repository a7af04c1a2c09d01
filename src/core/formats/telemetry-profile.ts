import { normaliseHeader } from './format-profiles.js'

/**
 * Usage telemetry files (SCCM/Intune/agent exports of power state): one row per device and day (or hour),
 * with powered-on hours and, when known, active (in use) hours. Headers in English or French.
 */
export const TELEMETRY_COLUMNS = {
  day: ['date', 'day', 'jour', 'date du releve', 'timestamp'],
  device: [
    'hostname',
    'device name',
    'device',
    'computer name',
    'name',
    'nom',
    'poste',
    'nom du poste',
    'serial',
    'serial number',
    'numero de serie',
  ],
  poweredHours: [
    'powered on hours',
    'poweredonhours',
    'powered hours',
    'power on hours',
    'uptime hours',
    'heures allumage',
    'heures d allumage',
    'heures allume',
    'duree allumage',
  ],
  activeHours: [
    'active hours',
    'activehours',
    'in use hours',
    'heures actives',
    'heures d activite',
    'duree activite',
  ],
} as const

export type TelemetryColumnPlan = {
  day: string
  device: string
  poweredHours: string
  activeHours: string | null
}

/** Finds the telemetry columns of a header (original header texts), or null when it is not a telemetry file. */
export function planTelemetryColumns(header: readonly string[]): TelemetryColumnPlan | null {
  const find = (aliases: readonly string[]): string | null => {
    const wanted = new Set(aliases.map(normaliseHeader))
    return header.find((cell) => wanted.has(normaliseHeader(cell))) ?? null
  }
  const day = find(TELEMETRY_COLUMNS.day)
  const device = find(TELEMETRY_COLUMNS.device)
  const poweredHours = find(TELEMETRY_COLUMNS.poweredHours)
  if (day === null || device === null || poweredHours === null) return null
  return { day, device, poweredHours, activeHours: find(TELEMETRY_COLUMNS.activeHours) }
}
