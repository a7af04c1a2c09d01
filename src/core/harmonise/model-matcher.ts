/**
 * Free-text model name → reference item, with a confidence in 0..1. Method in
 * docs/methodology/model-matching.md. Scoring rule, first that applies:
 *   exact       normaliseModelKey(manufacturer, model) equals a candidate's key         1 × category factor
 *   normalised  same token set as the candidate (any order, noise dropped)              0.95 × factors
 *   tokens      0.9 × (0.7 × coveredCandidate + 0.3 × coveredQuery) × factors, where covered = shared token
 *               weight / own token weight; a model-number token (has a digit: "5420", "g8", "x1") weighs 3,
 *               a word 1, a word matched through one typo (length ≥ 5, one edit) 0.8 × its weight.
 *   factors     manufacturer unknown on either side × 0.95; category known on both sides and different × 0.8
 *   caps        min(…, 0.5) when the candidate has a model number the text lacks, when the text has model
 *               numbers and shares none with the candidate, or when both manufacturers are known and differ.
 * Ties go to the smallest itemId. An inverted index over tokens keeps one look-up to the candidates sharing
 * the text's rarest token; frequent tokens only add weight to candidates already reached.
 */
import type { CategoryId } from '../inventory/categories.js'
import { normaliseModelKey } from '../referential/normalise-model-key.js'
import type { Referential } from '../referential/referential.js'
import { analyseModelText, hasDigit, knownManufacturer } from './model-tokens.js'

/**
 * Confidence at or above which a match can be applied without review. 0.7 sits between the highest capped
 * score (0.5: model numbers or manufacturers disagree) and what an exact token set with a wrong category
 * still earns (0.95 × 0.8 = 0.76), and it admits a full model plus one extra word (0.846) or one typo
 * (0.855). On the synthetic benchmark (bench/match-models.ts) it gives 99.9 % precision; see bench/README.md.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.7

export type MatcherCandidate = {
  itemId: string
  manufacturer: string | null
  model: string
  category: CategoryId | null
}
export type MatchMethod = 'exact' | 'normalised' | 'tokens'
export type ModelMatch = { itemId: string; confidence: number; method: MatchMethod; candidateText: string }
export type ModelMatcher = {
  /** Number of candidates the matcher was built from. */
  readonly size: number
  match(manufacturer: string | null, model: string | null, category?: CategoryId | null): ModelMatch | null
}

const NUMBER_WEIGHT = 3
const WORD_WEIGHT = 1
const TYPO_SHARE = 0.8
const NORMALISED_CONFIDENCE = 0.95
const TOKENS_CEILING = 0.9
const CANDIDATE_COVERAGE_SHARE = 0.7
const UNKNOWN_MANUFACTURER_FACTOR = 0.95
const CATEGORY_MISMATCH_FACTOR = 0.8
const DISAGREEMENT_CAP = 0.5
const TYPO_MIN_LENGTH = 5
const NO_MANUFACTURER = -1

/**
 * Candidates of a referential: one per `matching` key (its leading canonical manufacturer split off) and one
 * per item label, except the category-default items whose labels are generic ("Laptop (ADEME average)").
 */
export function matcherCandidatesOf(referential: Referential): MatcherCandidate[] {
  const candidates: MatcherCandidate[] = []
  for (const [key, itemId] of referential.matching) {
    const { manufacturer, model } = splitKeyManufacturer(key)
    candidates.push({
      itemId,
      manufacturer,
      model,
      category: referential.items.get(itemId)?.category ?? null,
    })
  }
  const defaultItemIds = new Set(Object.values(referential.defaultItemByCategory))
  for (const item of referential.items.values()) {
    if (defaultItemIds.has(item.id)) continue
    candidates.push({ itemId: item.id, manufacturer: null, model: item.label, category: item.category })
  }
  return candidates
}

function splitKeyManufacturer(key: string): { manufacturer: string | null; model: string } {
  const words = key.split(' ')
  for (let wordCount = Math.min(3, words.length - 1); wordCount >= 1; wordCount--) {
    const prefix = words.slice(0, wordCount).join(' ')
    const manufacturer = knownManufacturer(prefix)
    if (manufacturer !== null) return { manufacturer, model: words.slice(wordCount).join(' ') }
  }
  return { manufacturer: null, model: key }
}

/** Token vocabulary, postings and typo index shared by every look-up. */
type TokenIndex = {
  idByToken: Map<string, number>
  tokens: string[]
  weight: number[]
  isNumber: boolean[]
  postings: Int32Array[]
  /** One-deletion variants of words (and the words themselves) → word token ids. */
  wordsByVariant: Map<string, number[]>
}

type CandidateTable = {
  itemId: string[]
  text: string[]
  manufacturerId: Int32Array
  category: (CategoryId | null)[]
  totalWeight: Float64Array
  numberCount: Uint16Array
  /** Token ids of candidate c: tokenIds[tokenStart[c] .. tokenStart[c + 1]). */
  tokenStart: Int32Array
  tokenIds: Int32Array
}

/**
 * Builds a matcher over `candidates`. Building is linear in the candidates' tokens; `match` allocates only
 * the few tokens of the text it reads, and reuses typed scratch arrays sized once.
 * @example createModelMatcher([{ itemId: 'lat-5420', manufacturer: 'Dell', model: 'Latitude 5420', category: 'laptop' }]).match('DELL INC.', 'Latitude 5420 (i5)')
 */
export function createModelMatcher(candidates: readonly MatcherCandidate[]): ModelMatcher {
  const sorted = [...candidates].sort(byItemIdThenModel)
  const manufacturerIds = new Map<string, number>()
  const index: TokenIndex = {
    idByToken: new Map(),
    tokens: [],
    weight: [],
    isNumber: [],
    postings: [],
    wordsByVariant: new Map(),
  }
  const table: CandidateTable = {
    itemId: [],
    text: [],
    manufacturerId: new Int32Array(sorted.length),
    category: [],
    totalWeight: new Float64Array(sorted.length),
    numberCount: new Uint16Array(sorted.length),
    tokenStart: new Int32Array(sorted.length + 1),
    tokenIds: new Int32Array(0),
  }
  const candidateTokenIds: number[] = []
  const exactByKey = new Map<string, number>()
  const postingLists: number[][] = []
  sorted.forEach((candidate, position) => {
    const analysed = analyseModelText(candidate.manufacturer, candidate.model)
    table.itemId.push(candidate.itemId)
    table.text.push(
      candidate.manufacturer === null ? candidate.model : `${candidate.manufacturer} ${candidate.model}`,
    )
    table.category.push(candidate.category)
    table.manufacturerId[position] = manufacturerIdOf(manufacturerIds, analysed.manufacturer)
    const key = normaliseModelKey(candidate.manufacturer, candidate.model)
    if (!exactByKey.has(key)) exactByKey.set(key, position)
    for (const token of new Set(analysed.tokens)) {
      const tokenId = tokenIdOf(index, postingLists, token)
      postingLists[tokenId].push(position)
      candidateTokenIds.push(tokenId)
      table.totalWeight[position] += index.weight[tokenId]
      if (index.isNumber[tokenId]) table.numberCount[position] += 1
    }
    table.tokenStart[position + 1] = candidateTokenIds.length
  })
  table.tokenIds = Int32Array.from(candidateTokenIds)
  index.postings = postingLists.map((list) => Int32Array.from(list))
  return lookup(index, table, manufacturerIds, exactByKey)
}

function byItemIdThenModel(left: MatcherCandidate, right: MatcherCandidate): number {
  if (left.itemId !== right.itemId) return left.itemId < right.itemId ? -1 : 1
  return left.model < right.model ? -1 : left.model > right.model ? 1 : 0
}

function manufacturerIdOf(ids: Map<string, number>, manufacturer: string | null): number {
  if (manufacturer === null) return NO_MANUFACTURER
  let id = ids.get(manufacturer)
  if (id === undefined) {
    id = ids.size
    ids.set(manufacturer, id)
  }
  return id
}

function tokenIdOf(index: TokenIndex, postingLists: number[][], token: string): number {
  let id = index.idByToken.get(token)
  if (id !== undefined) return id
  id = index.weight.length
  const isNumber = hasDigit(token)
  index.idByToken.set(token, id)
  index.tokens.push(token)
  index.weight.push(isNumber ? NUMBER_WEIGHT : WORD_WEIGHT)
  index.isNumber.push(isNumber)
  postingLists.push([])
  if (!isNumber && token.length >= TYPO_MIN_LENGTH) {
    for (const variant of [token, ...deletions(token)]) {
      const words = index.wordsByVariant.get(variant)
      if (words === undefined) index.wordsByVariant.set(variant, [id])
      else if (words[words.length - 1] !== id) words.push(id)
    }
  }
  return id
}

function deletions(word: string): string[] {
  const variants: string[] = []
  for (let position = 0; position < word.length; position++) {
    variants.push(word.slice(0, position) + word.slice(position + 1))
  }
  return variants
}

/** The look-up closure: scratch arrays are stamped with a generation number instead of being cleared. */
function lookup(
  index: TokenIndex,
  table: CandidateTable,
  manufacturerIds: ReadonlyMap<string, number>,
  exactByKey: ReadonlyMap<string, number>,
): ModelMatcher {
  const size = table.itemId.length
  const stamp = new Uint32Array(size)
  const shared = new Float64Array(size)
  const sharedNumbers = new Uint16Array(size)
  const hasTypo = new Uint8Array(size)
  const touched = new Int32Array(size)
  const openLimit = Math.max(64, Math.ceil(Math.sqrt(size)))
  let generation = 0
  const credit = (candidate: number, token: QueryToken, isNumber: boolean): void => {
    shared[candidate] += token.sharedWeight
    if (isNumber) sharedNumbers[candidate] += 1
    if (token.isTypo) hasTypo[candidate] = 1
  }

  return {
    size,
    match(manufacturer, model, category = null) {
      if (manufacturer === null && model === null) return null
      const exact = exactByKey.get(normaliseModelKey(manufacturer, model))
      if (exact !== undefined) {
        const confidence = isCategoryMismatch(category, table.category[exact]) ? CATEGORY_MISMATCH_FACTOR : 1
        return {
          itemId: table.itemId[exact],
          confidence,
          method: 'exact',
          candidateText: table.text[exact],
        }
      }
      const analysed = analyseModelText(manufacturer, model)
      const queryTokens = resolveTokens(index, analysed.tokens)
      if (queryTokens.length === 0) return null
      generation = generation === 0xffffffff ? resetStamps(stamp) : generation + 1
      let touchedCount = 0
      let queryWeight = 0
      let queryNumbers = 0
      for (let position = 0; position < queryTokens.length; position++) {
        const token = queryTokens[position]
        queryWeight += token.queryWeight
        if (token.tokenId < 0) continue
        const isNumber = index.isNumber[token.tokenId]
        if (isNumber) queryNumbers += 1
        const postings = index.postings[token.tokenId]
        const mayOpen = touchedCount === 0 || postings.length <= openLimit
        if (!mayOpen && touchedCount < postings.length) {
          // a frequent token: credit the candidates already reached instead of walking its long postings
          for (let entry = 0; entry < touchedCount; entry++) {
            const candidate = touched[entry]
            if (hasToken(table, candidate, token.tokenId)) credit(candidate, token, isNumber)
          }
          continue
        }
        for (let entry = 0; entry < postings.length; entry++) {
          const candidate = postings[entry]
          if (stamp[candidate] !== generation) {
            if (!mayOpen) continue
            stamp[candidate] = generation
            shared[candidate] = 0
            sharedNumbers[candidate] = 0
            hasTypo[candidate] = 0
            touched[touchedCount++] = candidate
          }
          credit(candidate, token, isNumber)
        }
      }
      const queryManufacturer =
        analysed.manufacturer === null ? NO_MANUFACTURER : (manufacturerIds.get(analysed.manufacturer) ?? -2)
      let best = -1
      let bestConfidence = 0
      let bestIsNormalised = false
      for (let position = 0; position < touchedCount; position++) {
        const candidate = touched[position]
        const isNormalised =
          hasTypo[candidate] === 0 &&
          shared[candidate] === table.totalWeight[candidate] &&
          shared[candidate] === queryWeight
        let confidence = isNormalised
          ? NORMALISED_CONFIDENCE
          : TOKENS_CEILING *
            (CANDIDATE_COVERAGE_SHARE * (shared[candidate] / table.totalWeight[candidate]) +
              (1 - CANDIDATE_COVERAGE_SHARE) * (shared[candidate] / queryWeight))
        const candidateManufacturer = table.manufacturerId[candidate]
        if (queryManufacturer === NO_MANUFACTURER || candidateManufacturer === NO_MANUFACTURER) {
          confidence *= UNKNOWN_MANUFACTURER_FACTOR
        }
        if (isCategoryMismatch(category, table.category[candidate])) confidence *= CATEGORY_MISMATCH_FACTOR
        const isManufacturerMismatch =
          queryManufacturer !== NO_MANUFACTURER &&
          candidateManufacturer !== NO_MANUFACTURER &&
          queryManufacturer !== candidateManufacturer
        const isNumberMismatch =
          sharedNumbers[candidate] < table.numberCount[candidate] ||
          (queryNumbers > 0 && sharedNumbers[candidate] === 0)
        if (isManufacturerMismatch || isNumberMismatch) confidence = Math.min(confidence, DISAGREEMENT_CAP)
        confidence = Math.round(confidence * 10_000) / 10_000
        if (confidence > bestConfidence || (confidence === bestConfidence && candidate < best)) {
          best = candidate
          bestConfidence = confidence
          bestIsNormalised = isNormalised
        }
      }
      if (best < 0) return null
      return {
        itemId: table.itemId[best],
        confidence: bestConfidence,
        method: bestIsNormalised ? 'normalised' : 'tokens',
        candidateText: table.text[best],
      }
    },
  }
}

function hasToken(table: CandidateTable, candidate: number, tokenId: number): boolean {
  for (let entry = table.tokenStart[candidate]; entry < table.tokenStart[candidate + 1]; entry++) {
    if (table.tokenIds[entry] === tokenId) return true
  }
  return false
}

function resetStamps(stamp: Uint32Array): number {
  stamp.fill(0)
  return 1
}

function isCategoryMismatch(query: CategoryId | null, candidate: CategoryId | null): boolean {
  return (
    query !== null && candidate !== null && query !== 'other' && candidate !== 'other' && query !== candidate
  )
}

/** A text token resolved against the vocabulary; tokenId −1 when unknown (it still counts in queryWeight). */
type QueryToken = { tokenId: number; queryWeight: number; sharedWeight: number; isTypo: boolean }

/** Distinct tokens of the text, rarest first (shortest postings), unknown tokens last. */
function resolveTokens(index: TokenIndex, tokens: readonly string[]): QueryToken[] {
  const resolved: QueryToken[] = []
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position]
    if (tokens.indexOf(token) !== position) continue
    const known = index.idByToken.get(token)
    const isNumber = hasDigit(token)
    const weight = isNumber ? NUMBER_WEIGHT : WORD_WEIGHT
    if (known !== undefined) {
      resolved.push({ tokenId: known, queryWeight: weight, sharedWeight: weight, isTypo: false })
      continue
    }
    const typo = isNumber || token.length < TYPO_MIN_LENGTH ? -1 : closeWord(index, token)
    const isFresh = typo >= 0 && !resolved.some((other) => other.tokenId === typo)
    resolved.push({
      tokenId: isFresh ? typo : -1,
      queryWeight: weight,
      sharedWeight: weight * TYPO_SHARE,
      isTypo: isFresh,
    })
  }
  return resolved.sort((left, right) => postingLength(index, left) - postingLength(index, right))
}

function postingLength(index: TokenIndex, token: QueryToken): number {
  return token.tokenId < 0 ? Number.MAX_SAFE_INTEGER : index.postings[token.tokenId].length
}

/** The vocabulary word one edit away (insertion, deletion, substitution, adjacent swap); smallest id on ties. */
function closeWord(index: TokenIndex, word: string): number {
  let best = -1
  const consider = (ids: readonly number[] | undefined): void => {
    if (ids === undefined) return
    for (const id of ids) if ((best < 0 || id < best) && isOneEditAway(index.tokens[id], word)) best = id
  }
  consider(index.wordsByVariant.get(word))
  for (const variant of deletions(word)) {
    const direct = index.idByToken.get(variant)
    if (direct !== undefined) consider([direct])
    consider(index.wordsByVariant.get(variant))
  }
  return best
}

function isOneEditAway(left: string, right: string): boolean {
  if (left === right) return false
  if (Math.abs(left.length - right.length) > 1) return false
  if (left.length === right.length) {
    let first = -1
    let differences = 0
    for (let position = 0; position < left.length; position++) {
      if (left[position] === right[position]) continue
      differences += 1
      if (differences === 1) first = position
      if (differences > 2) return false
    }
    if (differences === 1) return true
    return (
      differences === 2 &&
      left[first] === right[first + 1] &&
      left[first + 1] === right[first] &&
      first + 1 < left.length
    )
  }
  const [shorter, longer] = left.length < right.length ? [left, right] : [right, left]
  let skipped = false
  for (let shortPosition = 0, longPosition = 0; shortPosition < shorter.length; longPosition++) {
    if (shorter[shortPosition] === longer[longPosition]) {
      shortPosition++
      continue
    }
    if (skipped) return false
    skipped = true
  }
  return true
}
