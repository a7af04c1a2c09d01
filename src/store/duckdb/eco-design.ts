/** IT projects, their estimate snapshots and RGESN self-assessment (migration 10, EcoDesignStore). */
import type { DuckDBConnection } from '@duckdb/node-api'
import type { EcoDesignStore } from '../../app/eco-design-ports.js'
import type { Project, ProjectEstimate, ProjectPhase } from '../../core/services/project-gate.js'
import type { RgesnAnswerValue } from '../../core/services/rgesn-score.js'
import { rows, toNumber, type Row } from './sql.js'

const PROJECT_COLUMNS = 'id, name, owner, phase, service, service_file, created_ms'
const ESTIMATE_COLUMNS =
  'id, project_id, phase, at_ms, best_option, climate_kgco2e, climate_kgco2e_per_user, euros, referential, comparison'

function toProject(row: Row): Project {
  return {
    id: toNumber(row[0]),
    name: row[1] as string,
    owner: row[2] as string,
    phase: row[3] as ProjectPhase,
    service: row[4] === null ? null : (JSON.parse(row[4] as string) as unknown),
    serviceFile: row[5] as string | null,
    createdMs: toNumber(row[6]),
  }
}

function toEstimate(row: Row): ProjectEstimate {
  return {
    id: toNumber(row[0]),
    projectId: toNumber(row[1]),
    phase: row[2] as ProjectPhase,
    atMs: toNumber(row[3]),
    bestOption: row[4] as string,
    climateKgCo2e: toNumber(row[5]),
    climateKgCo2ePerUser: toNumber(row[6]),
    euros: toNumber(row[7]),
    referential: row[8] as string,
    comparison: JSON.parse(row[9] as string) as unknown,
  }
}

/** The eco-design store over the workspace connection. */
export function createDuckDbEcoDesignStore(connection: DuckDBConnection): EcoDesignStore {
  const nextId = async (table: string): Promise<number> =>
    toNumber((await rows(connection, `SELECT COALESCE(MAX(id), 0) + 1 FROM ${table}`))[0]![0])
  /** `atMs`, or the store's clock when the caller leaves it. */
  const timeOf = async (atMs: number | null): Promise<number> =>
    atMs ?? toNumber((await rows(connection, 'SELECT CAST(epoch_ms(current_timestamp) AS BIGINT)'))[0]![0])
  const findProject = async (name: string): Promise<Project | null> => {
    const found = await rows(
      connection,
      `SELECT ${PROJECT_COLUMNS} FROM project WHERE lower(name) = lower($1)`,
      [name],
    )
    return found.length === 0 ? null : toProject(found[0]!)
  }
  return {
    async addProject(project) {
      const id = await nextId('project')
      const createdMs = await timeOf(project.atMs)
      const service = project.service === null ? null : JSON.stringify(project.service)
      await connection.run(`INSERT INTO project (${PROJECT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        id,
        project.name,
        project.owner,
        project.phase,
        service,
        project.serviceFile,
        createdMs,
      ])
      return {
        id,
        name: project.name,
        owner: project.owner,
        phase: project.phase,
        service: project.service,
        serviceFile: project.serviceFile,
        createdMs,
      }
    },
    findProject,
    async listProjects() {
      return (await rows(connection, `SELECT ${PROJECT_COLUMNS} FROM project ORDER BY lower(name)`)).map(
        toProject,
      )
    },
    async updateProject(id, change) {
      if (change.phase !== undefined) {
        await connection.run('UPDATE project SET phase = $1 WHERE id = $2', [change.phase, id])
      }
      if (change.service !== undefined) {
        await connection.run('UPDATE project SET service = $1, service_file = $2 WHERE id = $3', [
          change.service === null ? null : JSON.stringify(change.service),
          change.serviceFile ?? null,
          id,
        ])
      }
    },
    async addProjectEstimate(estimate) {
      const id = await nextId('project_estimate')
      const atMs = await timeOf(estimate.atMs)
      await connection.run(
        `INSERT INTO project_estimate (${ESTIMATE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          estimate.projectId,
          estimate.phase,
          atMs,
          estimate.bestOption,
          estimate.climateKgCo2e,
          estimate.climateKgCo2ePerUser,
          estimate.euros,
          estimate.referential,
          JSON.stringify(estimate.comparison),
        ],
      )
      return { ...estimate, id, atMs }
    },
    async listProjectEstimates(projectId) {
      const found =
        projectId === null
          ? await rows(connection, `SELECT ${ESTIMATE_COLUMNS} FROM project_estimate ORDER BY at_ms, id`)
          : await rows(
              connection,
              `SELECT ${ESTIMATE_COLUMNS} FROM project_estimate WHERE project_id = $1 ORDER BY at_ms, id`,
              [projectId],
            )
      return found.map(toEstimate)
    },
    async saveRgesnCriteria(version, criteria, atMs) {
      // The version loaded last is the one in use: its load time is kept after every other version's.
      const [[latestOther]] = (await rows(
        connection,
        'SELECT COALESCE(MAX(loaded_ms), -1) FROM rgesn_criterion WHERE version <> $1',
        [version],
      )) as [[unknown]]
      const loadedMs = Math.max(await timeOf(atMs), toNumber(latestOther) + 1)
      await connection.run('BEGIN TRANSACTION')
      try {
        await connection.run('DELETE FROM rgesn_criterion WHERE version = $1', [version])
        for (const [position, criterion] of criteria.entries()) {
          await connection.run(
            'INSERT INTO rgesn_criterion (version, id, family, title, url, position, loaded_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [version, criterion.id, criterion.family, criterion.title, criterion.url, position, loadedMs],
          )
        }
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK')
        throw error
      }
    },
    async rgesnCriteria() {
      const found = await rows(
        connection,
        `SELECT version, id, family, title, url FROM rgesn_criterion
         WHERE version = (SELECT version FROM rgesn_criterion ORDER BY loaded_ms DESC LIMIT 1)
         ORDER BY position`,
      )
      return found.map((row) => ({
        version: row[0] as string,
        id: row[1] as string,
        family: row[2] as string,
        title: row[3] as string,
        url: row[4] as string | null,
      }))
    },
    async addRgesnAnswers(projectId, answers, atMs) {
      const at = await timeOf(atMs)
      let id = await nextId('rgesn_answer')
      for (const answer of answers) {
        await connection.run(
          'INSERT INTO rgesn_answer (id, project_id, criterion, answer, note, at_ms) VALUES ($1, $2, $3, $4, $5, $6)',
          [id, projectId, answer.criterion, answer.answer, answer.note, at],
        )
        id += 1
      }
    },
    async listRgesnAnswers(projectId) {
      const found = await rows(
        connection,
        'SELECT criterion, answer, note, at_ms FROM rgesn_answer WHERE project_id = $1 ORDER BY at_ms, id',
        [projectId],
      )
      return found.map((row) => ({
        criterion: row[0] as string,
        answer: row[1] as RgesnAnswerValue,
        note: row[2] as string | null,
        atMs: toNumber(row[3]),
      }))
    },
  }
}
