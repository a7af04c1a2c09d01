import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import {
  answerRgesn,
  loadRgesn,
  parseRgesnAnswer,
  readRgesnAnswers,
  rgesnScore,
  type RgesnScoreView,
} from '../../app/rgesn.js'
import { RGESN_ANSWERS } from '../../core/services/rgesn-score.js'
import { formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

const USAGE =
  'Usage: empreinte rgesn load FILE (the published JSON export, or CSV id;thematique;critere)\n' +
  `       empreinte rgesn answer PROJECT CRITERION ${RGESN_ANSWERS.join('|')} [--note TEXT]\n` +
  '       empreinte rgesn answer PROJECT --file answers.csv (criterion;answer;note)\n' +
  '       empreinte rgesn score PROJECT   (docs/services.md#rgesn)'

const share = (score: number | null): string => (score === null ? 'n/a' : formatShare(score))

/** `empreinte rgesn load|answer|score`: the RGESN self-assessment of IT projects. */
export async function rgesnCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
  nowMs: number,
): Promise<{ json: unknown; text: string }> {
  const [verb, first, second, third, ...rest] = positional
  if (verb === 'load' && first !== undefined && second === undefined) {
    const loaded = await loadRgesn(deps, { file: first, atMs: nowMs })
    return {
      json: loaded,
      text:
        `RGESN ${loaded.version}: ${loaded.criteria} criteria loaded from ${loaded.file}, in ${loaded.families.length} families ` +
        `(${loaded.families.map((family) => `${family.family} ${family.criteria}`).join(', ')}).\n`,
    }
  }
  if (verb === 'answer' && first !== undefined && rest.length === 0) {
    let answers
    if (options.file !== null) {
      if (second !== undefined) throw new AppError('invalid_argument', USAGE)
      answers = await readRgesnAnswers(deps, options.file)
    } else {
      if (second === undefined || third === undefined) throw new AppError('invalid_argument', USAGE)
      const answer = parseRgesnAnswer(third)
      if (answer === null) {
        throw new AppError(
          'invalid_argument',
          `"${third}" is not an answer: use ${RGESN_ANSWERS.join(', ')}.`,
        )
      }
      answers = [{ criterion: second, answer, note: options.note }]
    }
    const result = await answerRgesn(deps, { project: first, answers, atMs: nowMs })
    return {
      json: result,
      text: `Project "${result.project}": ${result.recorded} answer(s) recorded; RGESN score ${share(result.score.score)} (${result.score.met} met / ${result.score.applicable} applicable).\n`,
    }
  }
  if (verb === 'score' && first !== undefined && second === undefined) {
    const score = await rgesnScore(deps, { project: first })
    return { json: score, text: scoreText(score) }
  }
  throw new AppError('invalid_argument', USAGE)
}

/** The score, per family and its history, as tables. */
export function scoreText(score: RgesnScoreView & { project: string }): string {
  const tally = (row: RgesnScoreView['byFamily'][number] | RgesnScoreView): (string | number)[] => [
    row.met,
    row.notMet,
    row.inProgress,
    row.unanswered,
    row.notApplicable,
    row.applicable,
    share(row.score),
  ]
  const header = ['met', 'no', 'in progress', 'unanswered', 'n/a', 'applicable', 'score']
  return (
    `Project "${score.project}", RGESN ${score.version ?? ''}: score ${share(score.score)} ` +
    `(${score.met} met / ${score.applicable} applicable of ${score.criteria} criteria)\n\n` +
    formatTable(
      ['family', ...header],
      [...score.byFamily.map((family) => [family.family, ...tally(family)]), ['total', ...tally(score)]],
    ) +
    (score.history.length === 0
      ? '\nNo answer yet.\n'
      : '\nHistory (score after each date answers changed)\n' +
        formatTable(
          ['date', 'met', 'applicable', 'score'],
          score.history.map((point) => [
            point.at.replace('T', ' ').slice(0, 16),
            point.met,
            point.applicable,
            share(point.score),
          ]),
        )) +
    `\n${score.formula}\n`
  )
}
