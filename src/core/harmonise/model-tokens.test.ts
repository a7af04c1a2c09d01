import { describe, expect, it } from 'vitest'
import { analyseModelText, canonicalManufacturer } from './model-tokens.js'

describe('canonicalManufacturer', () => {
  it.each([
    ['DELL INC.', 'dell'],
    ['Hewlett-Packard', 'hp'],
    ['HP Inc.', 'hp'],
    ['Hewlett Packard Enterprise', 'hpe'],
    ['LENOVO', 'lenovo'],
    ['ASUSTeK COMPUTER INC.', 'asus'],
    ['Dynabook Inc.', 'toshiba'],
    ['MMD', 'philips'],
    ['Polycom', 'poly'],
    ['Konica-Minolta', 'konica minolta'],
    ['Alcatel-Lucent Enterprise', 'alcatel-lucent'],
    ['SEIKO EPSON CORPORATION', 'epson'],
    // not in the table: legal-form suffixes are taken off, "Zebra Technologies" then is an alias
    ['Zebra Technologies Corp.', 'zebra'],
    ['Écrans Français SAS', 'ecrans francais'],
    ['  ', null],
    [null, null],
  ])('maps %j to %j', (text, expected) => {
    expect(canonicalManufacturer(text)).toBe(expected)
  })
})

describe('analyseModelText', () => {
  it.each([
    ['DELL INC.', 'Latitude 5420 (i5)', 'dell', ['latitude', '5420']],
    ['Hewlett-Packard', 'HP EliteBook 840 G8 Notebook PC', 'hp', ['elitebook', '840', 'g8']],
    // manufacturer column blank: taken from the start of the model text ("dell inc" is two words)
    [null, 'DELL INC. Latitude 5420', 'dell', ['latitude', '5420']],
    // "Gen 9" and "Gen9" both become "g9"; the processor word and its number go, so do "16 Go"
    ['LENOVO', 'ThinkPad X1 Carbon Gen9 Core i7-1185G7 16 Go', 'lenovo', ['thinkpad', 'x1', 'carbon', 'g9']],
    [
      null,
      '20XW-S0AB00 ThinkPad X1 Carbon Gen 9',
      null,
      ['20xw', 's0ab00', 'thinkpad', 'x1', 'carbon', 'g9'],
    ],
    ['ASUSTeK COMPUTER INC.', 'Zenbook(TM) UX425 (R) Series', 'asus', ['zenbook', 'ux425']],
    ['HPE', 'ProLiant DL 360 Gen10 (Xeon Silver)', 'hpe', ['proliant', 'dl360', 'g10']],
    // a bracket that is not a hint keeps its words
    ['Dell', 'OptiPlex 7090 (Micro)', 'dell', ['optiplex', '7090', 'micro']],
    ['Apple', null, 'apple', []],
  ])('reads %j %j', (manufacturer, model, expectedManufacturer, expectedTokens) => {
    expect(analyseModelText(manufacturer, model)).toEqual({
      manufacturer: expectedManufacturer,
      tokens: expectedTokens,
    })
  })
})
