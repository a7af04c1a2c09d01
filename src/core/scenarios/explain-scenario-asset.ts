/**
 * The scenario for one inventory line, step by step: its baseline footprint, then after each lever the parts it
 * became (a substitution splits it in two) with the lever's trace lines. Same pipeline as the evaluator.
 * Fleet-level levers (fewer-screens) only say that they apply per group. See docs/methodology/levers.md.
 */
import type { FootprintInput, PhaseValues } from '../footprint/compute-footprint.js'
import { PHASE_IDS, type CategoryId } from '../inventory/categories.js'
import type { CriterionId } from '../referential/referential.js'
import { cloneLeverPart, createLeverPipeline } from './create-lever-pipeline.js'
import type { ScenarioContext } from './create-scenario-evaluator.js'
import { formatLever, type Lever } from './lever.js'
import { PHASE_OFFSET, PHASES_PER_CRITERION, tailValue, type LeverPart } from './lever-part.js'

/** One part of a line: an AssetFootprint-like view with kWh, purchases and euros. */
export type ScenarioAssetPart = {
  category: CategoryId
  referenceItemId: string
  quantity: number
  annualKwh: number
  facilityKwh: number
  purchasesPerYear: number
  purchaseEurosPerYear: number
  electricityEurosPerYear: number
  impacts: Partial<Record<CriterionId, PhaseValues>>
}

/** One lever's step for the line. */
export type ScenarioAssetStep = { lever: string; trace: string[]; parts: ScenarioAssetPart[] }

/** Baseline and per-lever steps of one line. */
export type ScenarioAssetExplanation = { baseline: ScenarioAssetPart; steps: ScenarioAssetStep[] }

function toAssetPart(part: LeverPart, criteria: readonly CriterionId[], seenMask: number): ScenarioAssetPart {
  const impacts: Partial<Record<CriterionId, PhaseValues>> = {}
  criteria.forEach((criterion, index) => {
    if ((seenMask & (1 << index)) === 0) return
    const values = {} as PhaseValues
    for (const phase of PHASE_IDS)
      values[phase] = part.values[index * PHASES_PER_CRITERION + PHASE_OFFSET[phase]]!
    impacts[criterion] = values
  })
  return {
    category: part.category,
    referenceItemId: part.referenceItemId,
    quantity: tailValue(part, 'quantity'),
    annualKwh: tailValue(part, 'plugKwh'),
    facilityKwh: tailValue(part, 'facilityKwh'),
    purchasesPerYear: tailValue(part, 'purchasesPerYear'),
    purchaseEurosPerYear: tailValue(part, 'purchaseEuros'),
    electricityEurosPerYear: tailValue(part, 'electricityEuros'),
    impacts,
  }
}

/** Explains the scenario for one line (not for the hot path: it allocates). */
export function explainScenarioAsset(
  context: ScenarioContext,
  levers: Lever[],
  input: FootprintInput,
  poweredHoursPerYear?: number | null,
): ScenarioAssetExplanation {
  const pipeline = createLeverPipeline(context.footprint, context.prices, levers)
  let baseline: LeverPart | null = null
  const snapshots: LeverPart[][] = levers.map(() => [])
  const traces: string[][] = levers.map(() => [])
  pipeline.run(input, poweredHoursPerYear, {
    wantsTrace: true,
    baseline(part) {
      baseline = cloneLeverPart(part)
    },
    change() {},
    trace(leverIndex, text) {
      traces[leverIndex]!.push(text)
    },
  })
  // The pipeline mutates parts in place: replay lever by lever to snapshot each step.
  for (let count = 1; count <= levers.length; count += 1) {
    const partial = createLeverPipeline(context.footprint, context.prices, levers.slice(0, count))
    const seen: LeverPart[] = []
    partial.run(input, poweredHoursPerYear, {
      wantsTrace: false,
      baseline(part) {
        seen.push(part)
      },
      change(_leverIndex, part) {
        if (!seen.includes(part)) seen.push(part)
      },
    })
    snapshots[count - 1] = seen.map(cloneLeverPart)
  }
  const mask = pipeline.seenCriteriaMask()
  return {
    baseline: toAssetPart(baseline!, pipeline.criteria, mask),
    steps: levers.map((lever, leverIndex) => ({
      lever: formatLever(lever),
      trace: traces[leverIndex]!,
      parts: snapshots[leverIndex]!.map((part) => toAssetPart(part, pipeline.criteria, mask)),
    })),
  }
}
