/**
 * The service description format (docs/services.md): top-level fields shared by every option, and `options`
 * whose fields replace the shared ones of the same name (shallow merge). Validated with zod; every problem
 * is reported at once, with the file position of the value when the description comes from a file.
 */
import { z } from 'zod'
import {
  SERVICE_TERMINALS,
  type ServiceDescription,
  type ServiceOption,
} from '../core/services/service-description.js'
import { CLOUD_REGIONS } from '../core/services/service-factors.js'
import { AppError } from './errors.js'
import type { StructuredFile } from './ports.js'

const positive = z.number().positive()
const nonNegative = z.number().min(0)
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'Give a two-letter country code (FR, DE…)')
  .transform((code) => code.toUpperCase())

const users = z.strictObject({
  count: positive,
  hoursPerYear: nonNegative.max(8760),
  country: country.default('FR'),
  terminals: z
    .array(
      z.strictObject({
        type: z.enum(SERVICE_TERMINALS),
        share: z.number().min(0).max(1).default(1),
        deviceHoursPerYear: positive.max(8760).nullable().default(null),
      }),
    )
    .min(1, 'Give at least one terminal'),
})

const hosting = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('datacenter'),
    pue: z.number().min(1).max(5).nullable().default(null),
    country: country.default('FR'),
    hostVcpu: positive.nullable().default(null),
    hostStorageGb: positive.nullable().default(null),
  }),
  z.strictObject({
    kind: z.literal('cloud'),
    region: z.enum([...CLOUD_REGIONS.keys()] as [string, ...string[]]),
  }),
])

const optionFields = {
  users,
  network: z
    .array(
      z.strictObject({
        gbPerYear: nonNegative,
        kind: z.enum(['fixed', 'mobile']).default('fixed'),
        zone: z.enum(['FR', 'EU']).default('FR'),
      }),
    )
    .default([]),
  hosting: hosting.nullable().default(null),
  compute: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        count: positive.default(1),
        vcpu: positive,
        memoryGb: nonNegative.default(0),
        hoursPerYear: nonNegative.max(8760).default(8760),
      }),
    )
    .default([]),
  storage: z
    .strictObject({
      initialGb: nonNegative.default(0),
      growthGbPerYear: nonNegative.default(0),
      retentionYears: nonNegative.default(1),
      copies: positive.default(1),
    })
    .nullable()
    .default(null),
  transactionsPerYear: positive.nullable().default(null),
  costs: z
    .strictObject({
      electricityEurosPerKwh: nonNegative.nullable().default(null),
      serverEuros: nonNegative.nullable().default(null),
      storageArrayEuros: nonNegative.nullable().default(null),
      cloudEurosPerVcpuHour: nonNegative.nullable().default(null),
      cloudEurosPerGbMonth: nonNegative.nullable().default(null),
    })
    .default({
      electricityEurosPerKwh: null,
      serverEuros: null,
      storageArrayEuros: null,
      cloudEurosPerVcpuHour: null,
      cloudEurosPerGbMonth: null,
    }),
}

/** One option once merged: every field checked. */
export const serviceOptionSchema = z
  .strictObject({ name: z.string().min(1), ...optionFields })
  .refine((option) => option.hosting !== null || (option.compute.length === 0 && option.storage === null), {
    message: 'compute and storage need a hosting (kind: datacenter or kind: cloud)',
    path: ['hosting'],
  })

/** The raw document: shared fields are all optional; options only need a name. */
const partialFields = Object.fromEntries(
  Object.keys(optionFields).map((key) => [key, z.unknown().optional()]),
)
export const serviceDocumentSchema = z.strictObject({
  service: z.string().min(1),
  description: z.string().nullable().default(null),
  ...partialFields,
  options: z
    .array(z.looseObject({ name: z.string().min(1) }))
    .min(1)
    .optional(),
})

export type ServiceIssue = { path: string; message: string; line?: number; column?: number }

/**
 * Validates a service document (parsed YAML/JSON or an API body), merges each option over the shared fields
 * and returns the description, or throws an AppError listing every problem (with positions when `file` is given).
 */
export function toServiceDescription(value: unknown, file: StructuredFile | null = null): ServiceDescription {
  const issues: { path: (string | number)[]; fallback: (string | number)[]; message: string }[] = []
  const parsed = serviceDocumentSchema.safeParse(value)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))
      issues.push({ path, fallback: path, message: issue.message })
    }
    throw serviceError(issues, file)
  }
  const document = parsed.data as Record<string, unknown> & { service: string; description: string | null }
  const shared: Record<string, unknown> = {}
  for (const key of Object.keys(optionFields)) if (document[key] !== undefined) shared[key] = document[key]
  const rawOptions = (document['options'] as Record<string, unknown>[] | undefined) ?? [
    { name: document.service },
  ]
  const options: ServiceOption[] = []
  const names = new Set<string>()
  rawOptions.forEach((raw, index) => {
    const merged = { ...shared, ...raw }
    const result = serviceOptionSchema.safeParse(merged)
    const name = String(raw['name'])
    if (names.has(name)) {
      issues.push({
        path: ['options', index, 'name'],
        fallback: [],
        message: `Option name "${name}" is used twice`,
      })
    }
    names.add(name)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))
        const [head] = path
        // A value the option itself wrote is reported there; a shared value at the top level.
        const isOwn = head !== undefined && Object.hasOwn(raw, head)
        const isShared = head !== undefined && Object.hasOwn(shared, head)
        const where =
          document['options'] === undefined ? path : isOwn || !isShared ? ['options', index, ...path] : path
        issues.push({
          path: where,
          fallback: document['options'] === undefined ? [] : ['options', index],
          message: `${issue.message}${document['options'] === undefined ? '' : ` (option "${name}")`}`,
        })
      }
      return
    }
    options.push(result.data)
  })
  if (issues.length > 0) throw serviceError(issues, file)
  return { service: document.service, description: document.description, options }
}

function serviceError(
  issues: readonly { path: (string | number)[]; fallback: (string | number)[]; message: string }[],
  file: StructuredFile | null,
): AppError {
  const listed: ServiceIssue[] = issues.map((issue) => {
    const position = file?.locate(issue.path) ?? file?.locate(issue.fallback) ?? null
    const path = issue.path.join('.')
    return position === null
      ? { path, message: issue.message }
      : { path, message: issue.message, ...position }
  })
  const lines = listed.map((issue) => {
    const at = file === null ? '' : `${file.file}:${issue.line ?? 1}:${issue.column ?? 1}: `
    return `${at}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`
  })
  const subject =
    file === null ? 'Invalid service description' : `Invalid service description in ${file.file}`
  return new AppError('invalid_argument', `${subject}:\n  ${lines.join('\n  ')}`, { issues: listed })
}
