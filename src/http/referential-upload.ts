/**
 * `POST /api/referentials`: streams the uploaded referential files to disk (receive-upload.ts) and imports them
 * with the same use case as `empreinte referential import`. Answers and errors name each file as the client
 * sent it, never the server's upload folder.
 */
import type { Context } from 'hono'
import { AppError } from '../app/errors.js'
import type { OperationInput, OperationOutput } from '../app/operations.js'
import type { ApiRoute } from './api-routes.js'
import { receiveUpload } from './receive-upload.js'
import { readParameters, validateOperationInput } from './validate-input.js'

export async function importUploadedReferential(
  c: Context,
  route: ApiRoute,
  options: {
    directory: string
    maxBytes: number
    run: (input: OperationInput<'referential.import'>) => Promise<OperationOutput<'referential.import'>>
  },
): Promise<Response> {
  const upload = await receiveUpload(c.req.raw, { directory: options.directory, maxBytes: options.maxBytes, fileField: 'file' })
  try {
    const { input, issues } = readParameters(route.parameters, upload.fields)
    for (const name of upload.unexpected)
      issues.push({ path: name, message: 'Unexpected file; send the referential files in the "file" field' })
    input['paths'] = upload.files.map((file) => file.path)
    const valid = validateOperationInput('referential.import', input, route.parameters, issues)
    const labelOf = new Map(upload.files.map((file) => [file.path, file.label]))
    const withLabels = (text: string): string =>
      upload.files.reduce((result, file) => result.split(file.path).join(file.label), text)
    try {
      const result = await options.run(valid)
      return c.json(
        {
          ...result,
          files: result.files.map((file) => ({ ...file, file: labelOf.get(file.file) ?? file.file })),
          skipped: result.skipped.map((path) => labelOf.get(path) ?? path),
        },
        201,
      )
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, withLabels(error.message))
      throw error
    }
  } finally {
    await upload.remove()
  }
}
