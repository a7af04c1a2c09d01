import { z } from 'zod'

const ConfigSchema = z.object({
  workspace: z.string().min(1).default('./empreinte-data'),
})

export type Config = Readonly<z.infer<typeof ConfigSchema>>

/** Reads the environment once into a frozen, validated Config. Nothing else reads process.env. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse({ workspace: environment['EMPREINTE_WORKSPACE'] || undefined })
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.message}`)
  return Object.freeze(parsed.data)
}
