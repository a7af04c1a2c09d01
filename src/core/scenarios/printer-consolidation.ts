/**
 * Printer consolidation: a `share` of the printers is removed (shared multifunction devices, print policies).
 *   printers: every value (embodied, use, kWh, quantity, purchases, €) × (1 − share)
 * See docs/methodology/levers.md#printer-consolidation.
 */
import type { PrinterConsolidationLever } from './lever.js'
import { formatNumber, scaleQuantity, type LeverPart } from './lever-part.js'

/** True when the part is a printer line. */
export function isPrinterConsolidationTarget(part: LeverPart, lever: PrinterConsolidationLever): boolean {
  return part.category === 'printer' && lever.share > 0
}

/** Scales the whole printer line by (1 − share); returns false when the part is not concerned. */
export function applyPrinterConsolidation(part: LeverPart, lever: PrinterConsolidationLever): boolean {
  if (!isPrinterConsolidationTarget(part, lever)) return false
  scaleQuantity(part, 1 - lever.share)
  return true
}

/** Trace line of the lever for one part. */
export function describePrinterConsolidation(part: LeverPart, lever: PrinterConsolidationLever): string {
  if (part.category !== 'printer')
    return `printer-consolidation: ${part.category} is not a printer, unchanged`
  return `printer-consolidation: every value × (1 − ${formatNumber(lever.share)}) = ${formatNumber(1 - lever.share)}`
}
