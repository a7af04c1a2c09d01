import { describe, expect, it } from 'vitest'
import { normaliseModelKey } from './normalise-model-key.js'

describe('normaliseModelKey', () => {
  it.each([
    ['DELL INC.', 'Latitude  5420', 'dell latitude 5420'],
    ['Dell', 'Latitude 5420', 'dell latitude 5420'],
    ['Hewlett-Packard', 'HP EliteBook 840 G5', 'hp elitebook 840 g5'],
    ['HP Inc.', 'EliteBook 840 G5', 'hp elitebook 840 g5'],
    ['Hewlett Packard Enterprise', 'ProLiant DL360 Gen10', 'hpe proliant dl360 gen10'],
    ['LENOVO', '  ThinkPad\tT14 ', 'lenovo thinkpad t14'],
    ['Écrans Français', 'Modèle Été', 'ecrans francais modele ete'],
    [null, 'iPhone 12', 'iphone 12'],
    ['Apple Inc.', null, 'apple'],
    [null, null, ''],
    ['Dell', 'dell', 'dell'],
  ])('maps %j + %j to %j', (manufacturer, model, expected) => {
    expect(normaliseModelKey(manufacturer, model)).toBe(expected)
  })
})
