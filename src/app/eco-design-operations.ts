/**
 * The eco-design operations (digital services, IT projects, RGESN self-assessment), merged into the one
 * operation map of operations.ts so the CLI, the HTTP API and the dashboard's client reach them alike.
 */
import { z } from 'zod'
import { estimateService } from './estimate-service.js'
import type { Deps } from './ports.js'
import { serviceDocumentSchema } from './service-schema.js'

export const ECO_DESIGN_INPUTS = {
  'service.estimate': z.object({
    /** The service description (docs/services.md), as the JSON body of the request. */
    description: serviceDocumentSchema,
  }),
} as const

type Input<Id extends keyof typeof ECO_DESIGN_INPUTS> = z.infer<(typeof ECO_DESIGN_INPUTS)[Id]>

export const ECO_DESIGN_OPERATIONS = {
  'service.estimate': (deps: Deps, input: Input<'service.estimate'>) => estimateService(deps, input),
}
