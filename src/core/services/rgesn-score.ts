/**
 * Self-assessment against the French general eco-design reference for digital services (RGESN): the criteria
 * come from the file the user loads (never copied here); a project answers each criterion; the score is
 * met / applicable, overall, per family (thématique) and at each date the answers changed. Pure.
 * See docs/services.md#rgesn.
 */

export const RGESN_ANSWERS = ['yes', 'no', 'not-applicable', 'in-progress'] as const
export type RgesnAnswerValue = (typeof RGESN_ANSWERS)[number]

/** One criterion as loaded from the published file (`id`, `thematique`, `critere`, `url`). */
export type RgesnCriterion = {
  version: string
  id: string
  family: string
  title: string
  url: string | null
}

/** One answer, append-only: the latest per criterion is the current one. */
export type RgesnAnswer = { criterion: string; answer: RgesnAnswerValue; note: string | null; atMs: number }

export const RGESN_SCORE_FORMULA =
  'score = met / applicable; met = criteria answered "yes"; applicable = criteria − "not-applicable" ' +
  '("no", "in-progress" and unanswered criteria count as applicable and not met)'

export type RgesnTally = {
  criteria: number
  met: number
  notMet: number
  inProgress: number
  notApplicable: number
  unanswered: number
  applicable: number
  /** met / applicable (0 to 1); null when no criterion applies. */
  score: number | null
}

export type RgesnScore = RgesnTally & {
  version: string | null
  byFamily: (RgesnTally & { family: string })[]
  items: (RgesnCriterion & { answer: RgesnAnswerValue | null; note: string | null; atMs: number | null })[]
  /** The score after each date answers were given, oldest first. */
  history: ({ atMs: number } & RgesnTally)[]
  /** Answers to criteria the loaded version does not list (ignored by the score). */
  ignoredAnswers: number
  formula: string
}

function tally(criteria: readonly RgesnCriterion[], current: ReadonlyMap<string, RgesnAnswer>): RgesnTally {
  const counts = { met: 0, notMet: 0, inProgress: 0, notApplicable: 0, unanswered: 0 }
  for (const criterion of criteria) {
    const answer = current.get(criterion.id)?.answer
    if (answer === undefined) counts.unanswered += 1
    else if (answer === 'yes') counts.met += 1
    else if (answer === 'no') counts.notMet += 1
    else if (answer === 'in-progress') counts.inProgress += 1
    else counts.notApplicable += 1
  }
  const applicable = criteria.length - counts.notApplicable
  return {
    criteria: criteria.length,
    ...counts,
    applicable,
    score: applicable === 0 ? null : counts.met / applicable,
  }
}

/** The latest answer per criterion among those given at or before `untilMs` (later ones, same time: last wins). */
function currentAnswers(answers: readonly RgesnAnswer[], untilMs: number): Map<string, RgesnAnswer> {
  const current = new Map<string, RgesnAnswer>()
  for (const answer of answers) {
    if (answer.atMs > untilMs) continue
    const known = current.get(answer.criterion)
    if (known === undefined || answer.atMs >= known.atMs) current.set(answer.criterion, answer)
  }
  return current
}

/** Scores a project's answers (in the order given) against the loaded criteria (in file order). */
export function scoreRgesn(criteria: readonly RgesnCriterion[], answers: readonly RgesnAnswer[]): RgesnScore {
  const ids = new Set(criteria.map((criterion) => criterion.id))
  const known = answers.filter((answer) => ids.has(answer.criterion))
  const current = currentAnswers(known, Infinity)
  const families = [...new Set(criteria.map((criterion) => criterion.family))]
  const times = [...new Set(known.map((answer) => answer.atMs))].sort((a, b) => a - b)
  return {
    version: criteria[0]?.version ?? null,
    ...tally(criteria, current),
    byFamily: families.map((family) => ({
      family,
      ...tally(
        criteria.filter((criterion) => criterion.family === family),
        current,
      ),
    })),
    items: criteria.map((criterion) => {
      const answer = current.get(criterion.id)
      return {
        ...criterion,
        answer: answer?.answer ?? null,
        note: answer?.note ?? null,
        atMs: answer?.atMs ?? null,
      }
    }),
    history: times.map((atMs) => ({ atMs, ...tally(criteria, currentAnswers(known, atMs)) })),
    ignoredAnswers: answers.length - known.length,
    formula: RGESN_SCORE_FORMULA,
  }
}
