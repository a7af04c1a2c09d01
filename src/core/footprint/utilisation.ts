/**
 * Utilisation rate u (NumEcoEval "tauxUtilisation"):
 *   u = inventory utilisationRate
 *     ?? (ownership 'personal' → hypothesis BYOD rate, 'company' → hypothesis COPE rate)
 *     ?? 1
 * See docs/methodology/footprint.md#utilisation-rate.
 */
import type { Ownership } from '../inventory/asset.js'
import type { Factor, Hypotheses } from '../referential/referential.js'

export type UtilisationOrigin = 'inventory' | 'company' | 'personal' | 'none'

/** Where the utilisation rate comes from for this line. */
export function utilisationOrigin(
  utilisationRate: number | null,
  ownership: Ownership | null,
): UtilisationOrigin {
  if (utilisationRate !== null) return 'inventory'
  if (ownership === 'personal') return 'personal'
  if (ownership === 'company') return 'company'
  return 'none'
}

/** The utilisation rate (ratio) applied to every phase of the line. */
export function utilisationRateOf(
  utilisationRate: number | null,
  ownership: Ownership | null,
  hypotheses: Hypotheses,
): number {
  if (utilisationRate !== null) return utilisationRate
  if (ownership === 'personal') return hypotheses.personalUtilisationRate.value
  if (ownership === 'company') return hypotheses.companyUtilisationRate.value
  return 1
}

/** The hypothesis factor behind a defaulted utilisation rate, if any. */
export function utilisationFactor(origin: UtilisationOrigin, hypotheses: Hypotheses): Factor | undefined {
  if (origin === 'personal') return hypotheses.personalUtilisationRate
  if (origin === 'company') return hypotheses.companyUtilisationRate
  return undefined
}
