/**
 * The typed client of the HTTP API: each function names the route it calls and returns the operation's
 * output type, imported as a type from the app layer (erased at build time, checked by `tsc -p web`).
 */
import type { OperationOutput } from '../../src/app/operations.js'

export type Footprint = OperationOutput<'footprint.get'>
export type Quality = OperationOutput<'quality.report'>
export type Explanation = OperationOutput<'asset.explain'>
export type ImportResult = OperationOutput<'inventory.import'>
export type ImportList = OperationOutput<'imports.list'>
export type OrganisationList = OperationOutput<'organisations.list'>
export type Scenario = OperationOutput<'scenario.simulate'>
export type Trajectory = OperationOutput<'trajectory.project'>
export type Proposals = OperationOutput<'mapping.propose'>
export type SavedRule = OperationOutput<'mapping.set'>
export type ServiceComparison = OperationOutput<'service.estimate'>
export type ServiceOptionResult = ServiceComparison['options'][number]
export type CampaignBoard = OperationOutput<'campaign.status'>
export type BoardOrganisation = CampaignBoard['organisations'][number]
export type ReviewResult = OperationOutput<'campaign.review'>
export type ProjectList = OperationOutput<'project.list'>
export type ProjectGate = OperationOutput<'project.gate'>
export type RgesnScore = OperationOutput<'rgesn.score'>
export type ProjectEstimate = OperationOutput<'project.estimate'>
export type AddedProject = OperationOutput<'project.add'>
export type SavedScenarioList = OperationOutput<'scenario.list'>
export type SavedScenario = OperationOutput<'scenario.save'>
export type ScenarioComparison = OperationOutput<'scenario.compare'>
export type ActionList = OperationOutput<'action.list'>
export type PlanAction = OperationOutput<'action.add'>
export type ActionProgressList = OperationOutput<'action.progress'>
export type ActionProgressRow = ActionProgressList['actions'][number]
export type ActionStatus = PlanAction['status']

/** An error answer of the API, with its code and message (shown to the user as is). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

type Query = Record<string, string | number | readonly string[] | null | undefined>

/** `/api/x?a=1&lever=…&lever=…`: null and undefined left out, arrays repeated. */
export function apiUrl(path: string, query: Query = {}): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue
    if (Array.isArray(value)) for (const item of value) search.append(name, String(item))
    else search.append(name, String(value))
  }
  const text = search.toString()
  return `/api${path}${text ? `?${text}` : ''}`
}

/** The CSRF token POST /api/session answered: sent with every unsafe request made with the session cookie. */
let csrfToken: string | null = window.sessionStorage.getItem('empreinte.csrf')

function setCsrfToken(token: string | null): void {
  csrfToken = token
  if (token === null) window.sessionStorage.removeItem('empreinte.csrf')
  else window.sessionStorage.setItem('empreinte.csrf', token)
}

const csrfHeaders = (): Record<string, string> => (csrfToken === null ? {} : { 'x-csrf-token': csrfToken })

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const isUnsafe = init?.method !== undefined && init.method !== 'GET'
  const headers = { ...(isUnsafe ? csrfHeaders() : {}), ...(init?.headers as Record<string, string> | undefined) }
  const response = await fetch(url, { credentials: 'same-origin', ...init, headers })
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null
    throw new ApiError(response.status, body?.error?.code ?? 'internal', body?.error?.message ?? response.statusText)
  }
  return (await response.json()) as T
}

const jsonBody = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

export type SessionUser = { login: string; displayName: string; role: string }

export const api = {
  /** The signed-in user, or an ApiError with status 401 when nobody is. */
  session: () => request<SessionUser>(apiUrl('/session')),
  signIn: async (login: string, password: string) => {
    const answer = await request<{ user: SessionUser; csrfToken: string }>(apiUrl('/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    })
    setCsrfToken(answer.csrfToken)
    return answer.user
  },
  signOut: async () => {
    await request<unknown>(apiUrl('/session'), { method: 'DELETE' })
    setCsrfToken(null)
  },
  footprint: (query: { campaign?: number | null; by?: string[]; organisation?: string | null }) =>
    request<Footprint>(apiUrl('/footprint', { ...query, by: query.by?.join(',') })),
  quality: (query: { campaign?: number | null; sample?: number; depth?: number | null; organisation?: string | null }) =>
    request<Quality>(apiUrl('/quality', query)),
  explain: (asset: string, campaign?: number | null) =>
    request<Explanation>(apiUrl(`/assets/${encodeURIComponent(asset)}/explanation`, { campaign })),
  imports: (query: { campaign?: number | null; limit?: number; offset?: number }) =>
    request<ImportList>(apiUrl('/imports', query)),
  organisations: (query: { campaign?: number | null; limit?: number; offset?: number }) =>
    request<OrganisationList>(apiUrl('/organisations', query)),
  simulate: (query: { campaign?: number | null; lever: string[]; organisation?: string | null }) =>
    request<Scenario>(apiUrl('/simulation', query)),
  trajectory: (query: { campaign?: number | null; lever: string[]; to: number; target?: number | null }) =>
    request<Trajectory>(apiUrl('/trajectory', query)),
  proposals: (query: { campaign?: number | null; limit?: number }) =>
    request<Proposals>(apiUrl('/mapping/proposals', query)),
  acceptRule: (rule: { pattern: string; item: string | null; category: string | null }) =>
    request<SavedRule>(apiUrl('/mapping/rules', rule), { method: 'POST' }),
  /** The service description of docs/services.md, as JSON: its options compared side by side. */
  estimateService: (description: unknown) =>
    request<ServiceComparison>(apiUrl('/services/estimate'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(description),
    }),
  projects: () => request<ProjectList>(apiUrl('/projects')),
  addProject: (project: { name: string; owner: string; phase: string; service: unknown }) =>
    request<AddedProject>(apiUrl('/projects'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(project),
    }),
  projectGate: (name: string) => request<ProjectGate>(apiUrl(`/projects/${encodeURIComponent(name)}/gate`)),
  /** Estimates the project with this description (it replaces the project's) and stores it at its phase. */
  estimateProject: (name: string, description: unknown) =>
    request<ProjectEstimate>(apiUrl(`/projects/${encodeURIComponent(name)}/estimates`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(description),
    }),
  rgesn: (name: string) => request<RgesnScore>(apiUrl(`/projects/${encodeURIComponent(name)}/rgesn`)),
  campaignBoard: (year: number, query: { filter?: string | null; sort?: string | null }) =>
    request<CampaignBoard>(apiUrl(`/campaigns/${year}/status`, query)),
  reviewOrganisation: (year: number, review: { organisation: string; decision: 'validate' | 'send-back'; comment: string }) =>
    request<ReviewResult>(apiUrl(`/campaigns/${year}/reviews`, review), { method: 'POST' }),
  savedScenarios: () => request<SavedScenarioList>(apiUrl('/scenarios')),
  /** Saves (or replaces, same name) a scenario: docs/scenarios.md. */
  saveScenario: (scenario: { name: string; levers: string[]; organisation?: string | null; description?: string | null }) =>
    request<SavedScenario>(apiUrl('/scenarios'), jsonBody('POST', scenario)),
  /** Saved scenarios ranked by tCO2e then € saved per year; no name = every one within the user's perimeter. */
  compareScenarios: (query: { name?: string[]; campaign?: number | null } = {}) =>
    request<ScenarioComparison>(apiUrl('/scenarios/comparison', query)),
  removeScenario: (name: string) =>
    request<{ removed: string }>(apiUrl(`/scenarios/${encodeURIComponent(name)}`), { method: 'DELETE' }),
  actions: () => request<ActionList>(apiUrl('/actions')),
  /** Expected (scenario engine) and measured gain of each action: docs/action-plans.md. */
  actionProgress: (query: { id?: number | null } = {}) => request<ActionProgressList>(apiUrl('/actions/progress', query)),
  addAction: (action: {
    lever: string
    owner: string
    start: string
    status?: ActionStatus
    organisation?: string | null
    categories?: string[]
    sites?: string[]
    note?: string | null
  }) => request<PlanAction>(apiUrl('/actions'), jsonBody('POST', action)),
  updateAction: (id: number, change: { status?: ActionStatus; owner?: string; start?: string; note?: string | null }) =>
    request<PlanAction>(apiUrl(`/actions/${id}`), jsonBody('POST', change)),
}

/** Every organisation of the tree (the API pages them by 1000). */
export async function allOrganisations(campaign: number | null): Promise<OrganisationList['items']> {
  const items: OrganisationList['items'] = []
  for (let offset = 0; ; offset += 1000) {
    const page = await api.organisations({ campaign, limit: 1000, offset })
    items.push(...page.items)
    if (items.length >= page.total || page.items.length === 0) return items
  }
}

/** Uploads files to POST /api/imports, reporting the share sent (0–1) as the browser sends it. */
export function uploadFiles(
  files: readonly File[],
  fields: { campaign?: string; organisation?: string },
  onProgress: (share: number) => void,
): Promise<ImportResult> {
  const form = new FormData()
  for (const file of files) form.append('file', file, file.name)
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/imports')
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || 'null') as ImportResult & { error?: { code: string; message: string } }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body)
      else reject(new ApiError(xhr.status, body?.error?.code ?? 'internal', body?.error?.message ?? xhr.statusText))
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server did not answer.'))
    xhr.send(form)
  })
}

/** The download link of a table (CSV or XLSX) and of an organisation's printable report. */
export const exportUrl = (
  table: string,
  format: 'csv' | 'xlsx',
  campaign: number | null,
  organisation?: string | null,
) =>
  apiUrl(`/exports/${table}`, { format, campaign, organisation })
export const reportUrl = (organisation: string, campaign: number | null) =>
  apiUrl(`/reports/organisations/${encodeURIComponent(organisation)}`, { campaign })
