/**
 * Use case `service.estimate`: the annual footprint of a digital service's options, side by side, with the
 * best option and why. Reads a YAML/JSON file (CLI) or takes the parsed description (API body).
 */
import { compareServiceOptions, type ServiceComparison } from '../core/services/compare-service-options.js'
import type { Deps } from './ports.js'
import { toServiceDescription } from './service-schema.js'

/**
 * Estimates the options of a service described by `description` (already parsed JSON).
 * @example await estimateService(deps, { description: { service: 'Portal', users: {…}, options: [{ name: 'a' }] } })
 */
export async function estimateService(
  deps: Pick<Deps, 'referential'>,
  input: { description: unknown },
): Promise<ServiceComparison> {
  const description = toServiceDescription(input.description)
  return compareServiceOptions(description, await deps.referential.load())
}

/** Estimates the options of the service described in a YAML or JSON file; problems name file, line and column. */
export async function estimateServiceFile(
  deps: Pick<Deps, 'referential' | 'files'>,
  input: { file: string },
): Promise<ServiceComparison> {
  const document = await deps.files.readStructuredFile(input.file)
  const description = toServiceDescription(document.value, document)
  return compareServiceOptions(description, await deps.referential.load())
}
