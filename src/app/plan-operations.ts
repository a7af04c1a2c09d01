/**
 * The operations of saved scenarios, action plans and electricity tariffs (docs/scenarios.md,
 * docs/action-plans.md), merged into the one operation map of operations.ts so the HTTP API reaches the same use
 * cases as `empreinte scenario|action|tariff`. Each applies the actor's organisation scope (docs/access-control.md).
 */
import { z } from 'zod'
import { CATEGORY_IDS } from '../core/inventory/categories.js'
import { ACTION_STATUSES } from '../core/plans/action.js'
import { actionProgress, addAction, listActions, updateAction } from './action-plans.js'
import { listTariffs, setTariff } from './electricity-tariffs.js'
import type { Deps } from './ports.js'
import { compareScenarios, listScenarios, removeScenario, saveScenario } from './saved-scenarios.js'

const campaignYear = z.number().int().min(1990).max(2100).nullable().default(null)
const organisation = z.string().trim().min(1).nullable().default(null)
const categories = z.array(z.enum(CATEGORY_IDS)).default([])
const sites = z.array(z.string().trim().min(1)).default([])
const lever = z.string().trim().min(1)
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD')
const note = z.string().max(4000).nullable().default(null)

export const PLAN_INPUTS = {
  'scenario.list': z.object({}),
  'scenario.save': z.object({
    scenario: z.strictObject({
      name: z.string().min(1).max(80),
      description: z.string().max(4000).nullable().default(null),
      levers: z.array(lever).min(1, 'Give at least one lever'),
      organisation,
      categories,
      sites,
    }),
  }),
  'scenario.compare': z.object({ names: z.array(z.string().trim().min(1)).default([]), campaignYear }),
  'scenario.remove': z.object({ name: z.string().trim().min(1) }),
  'action.list': z.object({}),
  'action.add': z.object({
    action: z.strictObject({
      lever,
      organisation,
      categories,
      sites,
      owner: z.string().trim().min(1).max(200),
      start: isoDay,
      status: z.enum(ACTION_STATUSES).default('planned'),
      note,
    }),
  }),
  'action.update': z.object({
    id: z.number().int().min(1),
    change: z.strictObject({
      status: z.enum(ACTION_STATUSES).nullable().default(null),
      owner: z.string().trim().min(1).max(200).nullable().default(null),
      start: isoDay.nullable().default(null),
      lever: lever.nullable().default(null),
      note,
      /** A new perimeter, whole (organisation, categories, sites), or null to keep it. */
      perimeter: z.strictObject({ organisation, categories, sites }).nullable().default(null),
    }),
  }),
  'action.progress': z.object({ id: z.number().int().min(1).nullable().default(null) }),
  'tariff.list': z.object({}),
  'tariff.set': z.object({
    tariff: z.strictObject({
      organisation: z.string().trim().min(1),
      eurosPerKwh: z.number().min(0).max(10),
      source: z.string().max(400).nullable().default(null),
    }),
  }),
} as const

type Input<Id extends keyof typeof PLAN_INPUTS> = z.infer<(typeof PLAN_INPUTS)[Id]>

export const PLAN_OPERATIONS = {
  'scenario.list': (deps: Deps) => listScenarios(deps),
  'scenario.save': (deps: Deps, input: Input<'scenario.save'>) => saveScenario(deps, input.scenario),
  'scenario.compare': (deps: Deps, input: Input<'scenario.compare'>) => compareScenarios(deps, input),
  'scenario.remove': (deps: Deps, input: Input<'scenario.remove'>) => removeScenario(deps, input),
  'action.list': (deps: Deps) => listActions(deps),
  'action.add': (deps: Deps, input: Input<'action.add'>) => addAction(deps, input.action),
  'action.update': (deps: Deps, input: Input<'action.update'>) =>
    updateAction(deps, { id: input.id, ...input.change }),
  'action.progress': (deps: Deps, input: Input<'action.progress'>) => actionProgress(deps, input),
  'tariff.list': (deps: Deps) => listTariffs(deps),
  'tariff.set': (deps: Deps, input: Input<'tariff.set'>) => setTariff(deps, input.tariff),
}
