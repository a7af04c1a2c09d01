import { describe, expect, it } from 'vitest'
import { projectGate, type Project, type ProjectEstimate } from './project-gate.js'

const project: Project = {
  id: 1,
  name: 'Permits',
  owner: 'DSI',
  phase: 'build',
  service: null,
  serviceFile: null,
  createdMs: 0,
}

function estimate(
  id: number,
  phase: ProjectEstimate['phase'],
  atMs: number,
  climateKgCo2e: number,
): ProjectEstimate {
  return {
    id,
    projectId: 1,
    phase,
    atMs,
    bestOption: `option ${id}`,
    climateKgCo2e,
    climateKgCo2ePerUser: climateKgCo2e / 100,
    euros: climateKgCo2e * 2,
    referential: 'test@1',
    comparison: {},
  }
}

describe('projectGate', () => {
  it('keeps the latest estimate of each phase and compares it with the previous phase that has one', () => {
    const gate = projectGate(project, [
      estimate(1, 'idea', 10, 200),
      estimate(2, 'idea', 30, 250), // latest of idea
      estimate(3, 'idea', 20, 999), // older, although listed later
      estimate(4, 'build', 40, 150),
      { ...estimate(5, 'design', 50, 1), projectId: 2 }, // another project
    ])
    expect(gate.phases.map((phase) => phase.estimate?.id ?? null)).toEqual([2, null, 4, null])
    expect(gate.phases.map((phase) => phase.isCurrent)).toEqual([false, false, true, false])
    // build − idea = 150 − 250 = −100 kgCO2e; −100 / 250 = −40 %; per user −1; euros 300 − 500 = −200
    expect(gate.phases[2]!.change).toEqual({
      sincePhase: 'idea',
      climateKgCo2e: -100,
      percent: -40,
      climateKgCo2ePerUser: -1,
      euros: -200,
    })
    expect(gate.phases[0]!.change).toBeNull()
    expect(gate.phases[0]!.estimate).not.toHaveProperty('comparison')
  })

  it('gives no percentage when the previous estimate is zero', () => {
    const gate = projectGate(project, [estimate(1, 'idea', 1, 0), estimate(2, 'design', 2, 5)])
    expect(gate.phases[1]!.change).toMatchObject({ climateKgCo2e: 5, percent: null })
  })
})
