import { z } from 'zod'

const ConfigSchema = z.object({
  workspace: z.string().min(1).default('./empreinte-data'),
  /** EMPREINTE_DATABASE_URL: a PostgreSQL database (postgres://…) holds the workspace instead of a DuckDB file. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'EMPREINTE_DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** EMPREINTE_DEMO_PASSWORD: the password `empreinte demo` gives its users (random and printed once when unset). */
  demoPassword: z.string().min(12, 'EMPREINTE_DEMO_PASSWORD needs at least 12 characters').optional(),
})

export type Config = Readonly<z.infer<typeof ConfigSchema>>

/** Reads the environment once into a frozen, validated Config. Nothing else reads process.env. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse({
    workspace: environment['EMPREINTE_WORKSPACE'] || undefined,
    databaseUrl: environment['EMPREINTE_DATABASE_URL'] || undefined,
    demoPassword: environment['EMPREINTE_DEMO_PASSWORD'] || undefined,
  })
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.message}`)
  return Object.freeze(parsed.data)
}
