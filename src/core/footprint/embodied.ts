/**
 * Embodied impact of one phase (manufacturing, distribution, end of life), per year, for one criterion
 * (NumEcoEval "ImpactEquipementPhysique" for FABRICATION, DISTRIBUTION, FIN_DE_VIE):
 *   impact = quantity × factor × utilisationRate / lifetimeYears
 * See docs/methodology/footprint.md#embodied-phases.
 */

export const EMBODIED_FORMULA = 'quantity × factor × utilisationRate / lifetimeYears'

/** Annual embodied impact of a line, in the factor's unit per year. */
export function embodiedImpact(
  quantity: number,
  factorValue: number,
  utilisationRate: number,
  lifetimeYears: number,
): number {
  return (quantity * factorValue * utilisationRate) / lifetimeYears
}
