import { describe, expect, it } from 'vitest'
import { mergeQualityMetrics, qualityScore } from './quality-score.js'

describe('qualityScore', () => {
  it.each([
    // complete and clean: 100 × 1 × 1 × 1 × 1
    [
      {
        assets: 10,
        serialCompleteness: 1,
        purchaseDateCompleteness: 1,
        modelCompleteness: 1,
        imputedAssets: 0,
        duplicateSerialAssets: 0,
        implausibleAssets: 0,
      },
      100,
    ],
    // 100 × (1 + 0.5 + 1)/3 × (1 − 2/10) × (1 − 1/10) × 1 = 100 × 0.8333… × 0.8 × 0.9 = 60
    [
      {
        assets: 10,
        serialCompleteness: 1,
        purchaseDateCompleteness: 0.5,
        modelCompleteness: 1,
        imputedAssets: 2,
        duplicateSerialAssets: 1,
        implausibleAssets: 0,
      },
      60,
    ],
    // 100 × (0.9 + 0.9 + 0.9)/3 × 1 × 1 × (1 − 5/100) = 85.5
    [
      {
        assets: 100,
        serialCompleteness: 0.9,
        purchaseDateCompleteness: 0.9,
        modelCompleteness: 0.9,
        imputedAssets: 0,
        duplicateSerialAssets: 0,
        implausibleAssets: 5,
      },
      85.5,
    ],
    [
      {
        assets: 0,
        serialCompleteness: 0,
        purchaseDateCompleteness: 0,
        modelCompleteness: 0,
        imputedAssets: 0,
        duplicateSerialAssets: 0,
        implausibleAssets: 0,
      },
      0,
    ],
  ])('scores %j as %d', (metrics, expected) => {
    expect(qualityScore(metrics)).toBe(expected)
  })
})

describe('mergeQualityMetrics', () => {
  it('adds counts and weights completeness by assets', () => {
    const clean = {
      assets: 30,
      serialCompleteness: 1,
      purchaseDateCompleteness: 1,
      modelCompleteness: 1,
      imputedAssets: 0,
      duplicateSerialAssets: 0,
      implausibleAssets: 0,
    }
    const poor = {
      assets: 10,
      serialCompleteness: 0,
      purchaseDateCompleteness: 0.5,
      modelCompleteness: 1,
      imputedAssets: 4,
      duplicateSerialAssets: 2,
      implausibleAssets: 1,
    }
    // serial (30×1 + 10×0)/40 = 0.75, purchase (30 + 5)/40 = 0.875, model 1
    expect(mergeQualityMetrics([clean, poor])).toEqual({
      assets: 40,
      serialCompleteness: 0.75,
      purchaseDateCompleteness: 0.875,
      modelCompleteness: 1,
      imputedAssets: 4,
      duplicateSerialAssets: 2,
      implausibleAssets: 1,
    })
  })
})
