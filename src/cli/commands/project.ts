import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import {
  addProjectFromFile,
  estimateProject,
  estimateProjectFile,
  listProjects,
  projectGate,
  setProjectPhase,
  type ProjectGateView,
} from '../../app/projects.js'
import { PROJECT_PHASES, type ProjectPhase } from '../../core/services/project-gate.js'
import { formatNumber, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

const USAGE =
  'Usage: empreinte project add NAME --owner WHO [--phase idea|design|build|run] [--service FILE]\n' +
  '       empreinte project list | phase NAME PHASE | estimate NAME [FILE] | gate [NAME]   (docs/services.md)'

function phaseOf(text: string | null, fallback: ProjectPhase | null): ProjectPhase {
  if (text === null && fallback !== null) return fallback
  const phase = PROJECT_PHASES.find((candidate) => candidate === text?.trim().toLowerCase())
  if (phase === undefined) {
    throw new AppError(
      'invalid_argument',
      `Phase "${text ?? ''}" is unknown: use ${PROJECT_PHASES.join(', ')}.`,
    )
  }
  return phase
}

const signed = (value: number): string => (value > 0 ? '+' : '') + formatNumber(value)

/** `empreinte project add|list|phase|estimate|gate`: IT projects, their estimates per phase and the gate view. */
export async function projectCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
  nowMs: number,
): Promise<{ json: unknown; text: string }> {
  const [verb, name, argument, ...rest] = positional
  if (verb === 'add' && name !== undefined && argument === undefined) {
    if (options.owner === null) throw new AppError('invalid_argument', `project add: give --owner.\n${USAGE}`)
    const project = await addProjectFromFile(deps, {
      name,
      owner: options.owner,
      phase: phaseOf(options.phase, 'idea'),
      file: options.service,
      atMs: nowMs,
    })
    return {
      json: project,
      text:
        `Project "${project.name}" added: owner ${project.owner}, phase ${project.phase}` +
        (project.service === null ? ', no service description yet.\n' : `, service "${project.service}".\n`),
    }
  }
  if (verb === 'list' && name === undefined) {
    const { projects } = await listProjects(deps)
    const text =
      projects.length === 0
        ? 'No project yet: empreinte project add NAME --owner WHO --phase idea|design|build|run\n'
        : formatTable(
            ['project', 'owner', 'phase', 'service', 'estimates', 'latest kgCO2e/yr'],
            projects.map((project) => [
              project.name,
              project.owner,
              project.phase,
              project.service ?? '',
              project.estimates,
              project.latestEstimate === null ? '' : project.latestEstimate.climateKgCo2e,
            ]),
          )
    return { json: { projects }, text }
  }
  if (verb === 'phase' && name !== undefined && argument !== undefined && rest.length === 0) {
    const project = await setProjectPhase(deps, { project: name, phase: phaseOf(argument, null) })
    return {
      json: project,
      text: `Project "${project.name}": phase ${project.previousPhase} → ${project.phase}.\n`,
    }
  }
  if (verb === 'estimate' && name !== undefined && rest.length === 0) {
    const result =
      argument === undefined
        ? await estimateProject(deps, { project: name, description: null, atMs: nowMs })
        : await estimateProjectFile(deps, { project: name, file: argument, atMs: nowMs })
    return {
      json: result,
      text:
        `Project "${result.project}", phase ${result.phase}: estimate stored (${result.at}).\n` +
        `Best option "${result.bestOption}": ${formatNumber(result.climateKgCo2e)} kgCO2e/yr, ` +
        `${formatNumber(result.climateKgCo2ePerUser)} kgCO2e per user, ${formatNumber(result.euros)} €/yr.\n` +
        `${result.comparison.best.why}\n`,
    }
  }
  if (verb === 'gate' && argument === undefined) {
    const gate = await projectGate(deps, { project: name ?? null })
    return { json: gate, text: gateText(gate.projects) }
  }
  throw new AppError('invalid_argument', USAGE)
}

/** One table per project: the phases with their latest estimate and the change since the previous one. */
export function gateText(projects: readonly ProjectGateView[]): string {
  if (projects.length === 0) return 'No project yet.\n'
  return projects
    .map((project) => {
      const rows = project.phases.map((phase) => [
        phase.isCurrent ? `* ${phase.phase}` : phase.phase,
        phase.estimate === null ? '' : phase.estimate.at.slice(0, 10),
        phase.estimate?.bestOption ?? '',
        phase.estimate === null ? '' : formatNumber(phase.estimate.climateKgCo2e),
        phase.estimate === null ? '' : formatNumber(phase.estimate.climateKgCo2ePerUser),
        phase.estimate === null ? '' : formatNumber(phase.estimate.euros),
        phase.change === null ? '' : `${signed(phase.change.climateKgCo2e)} vs ${phase.change.sincePhase}`,
        phase.change?.percent == null ? '' : `${signed(phase.change.percent)} %`,
      ])
      return (
        `Project "${project.project}" (owner ${project.owner}, phase ${project.phase})\n` +
        formatTable(
          ['phase', 'estimated', 'best option', 'kgCO2e/yr', 'per user', '€/yr', 'change kgCO2e', 'change'],
          rows,
        )
      )
    })
    .join('\n')
}
