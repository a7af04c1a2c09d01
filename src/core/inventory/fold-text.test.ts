import { describe, expect, it } from 'vitest'
import { foldText } from './fold-text.js'

describe('foldText', () => {
  it.each([
    ["Numéro d'inventaire", 'numero d inventaire'],
    ['  Écran   LCD  ', 'ecran lcd'],
    ['nbCœur', 'nbcoeur'],
    ['Entit\uFFFD', 'entit'],
    ['purchase_date', 'purchase date'],
    ['Dedicated Server', 'dedicated server'],
    ['', ''],
  ])('folds %j to %j', (text, expected) => {
    expect(foldText(text)).toBe(expected)
  })
})
