const COMBINING_MARKS = /[\u0300-\u036f]/g

/**
 * Folds free text for matching: lower case, accents removed (é → e, œ → oe), every run of other
 * characters (spaces, punctuation, apostrophes, U+FFFD) turned into one space, trimmed.
 * `"Numéro d'inventaire"` → `"numero d inventaire"`.
 */
export function foldText(text: string): string {
  let lower = text.toLowerCase()
  if (!isAscii(lower)) {
    lower = lower.normalize('NFD').replace(COMBINING_MARKS, '').replaceAll('œ', 'oe').replaceAll('æ', 'ae')
  }
  let folded = ''
  let isSpacePending = false
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index)
    const isWordCharacter = (code >= 97 && code <= 122) || (code >= 48 && code <= 57)
    if (!isWordCharacter) {
      isSpacePending = folded.length > 0
      continue
    }
    if (isSpacePending) folded += ' '
    isSpacePending = false
    folded += lower[index]
  }
  return folded
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 127) return false
  return true
}
