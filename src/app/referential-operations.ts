/**
 * The referential-version and virtual-equipment operations (docs/referentials.md, docs/methodology/numecoeval.md),
 * merged into the one operation map of operations.ts so the HTTP API reaches the use cases the CLI runs
 * (`empreinte referential list|import|use|diff`, `footprint --by application`, `explain --vm|--application`).
 */
import { z } from 'zod'
import { diffReferentials, importReferential, listReferentials, REFERENTIAL_FORMATS, useReferential } from './referential-versions.js'
import { APPLICATION_DIMENSIONS, explainApplication, explainVirtualMachine, footprintByApplication } from './virtual-footprint.js'
import type { Deps } from './ports.js'

const campaignYear = z.number().int().min(1990).max(2100).nullable().default(null)
/** When the change was made (ms since 1970); null = the store's clock. Set by the CLI, never by HTTP clients. */
const atMs = z.number().int().nullable().default(null)
const referentialText = z.string().trim().min(1).max(200)

export const REFERENTIAL_INPUTS = {
  'referential.list': z.object({}),
  'referential.import': z.object({
    /** Files on the machine running the use case (the HTTP API passes its received upload). */
    paths: z.array(z.string().min(1)).min(1, 'Give at least one referential file'),
    format: z.enum(REFERENTIAL_FORMATS as [string, ...string[]]).nullable().default(null),
    name: z.string().trim().min(1).max(100).nullable().default(null),
    version: z.string().trim().min(1).max(100).nullable().default(null),
    atMs,
  }),
  'referential.use': z.object({ referential: referentialText, campaignYear, atMs }),
  'referential.diff': z.object({ before: referentialText, after: referentialText, campaignYear }),
  'application.footprint': z.object({
    campaignYear,
    by: z.array(z.enum(APPLICATION_DIMENSIONS)).default(['application']),
  }),
  'virtual-machine.explain': z.object({ campaignYear, name: z.string().min(1) }),
  'application.explain': z.object({ campaignYear, name: z.string().min(1) }),
} as const

type Input<Id extends keyof typeof REFERENTIAL_INPUTS> = z.infer<(typeof REFERENTIAL_INPUTS)[Id]>

export const REFERENTIAL_OPERATIONS = {
  'referential.list': (deps: Deps) => listReferentials(deps),
  'referential.import': (deps: Deps, input: Input<'referential.import'>) => importReferential(deps, input),
  'referential.use': (deps: Deps, input: Input<'referential.use'>) => useReferential(deps, input),
  'referential.diff': (deps: Deps, input: Input<'referential.diff'>) => diffReferentials(deps, input),
  'application.footprint': (deps: Deps, input: Input<'application.footprint'>) =>
    footprintByApplication(deps, { campaignYear: input.campaignYear, by: input.by.length > 0 ? input.by : ['application'] }),
  'virtual-machine.explain': (deps: Deps, input: Input<'virtual-machine.explain'>) => explainVirtualMachine(deps, input),
  'application.explain': (deps: Deps, input: Input<'application.explain'>) => explainApplication(deps, input),
}
