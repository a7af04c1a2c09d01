import { randomUUID } from 'node:crypto'
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { RequestError } from './errors.js'
import { multipartBoundary, readMultipart, tooLarge, type MultipartSink } from './read-multipart.js'

/** An upload received on disk: its files (under their cleaned names), its text fields, and how to remove it. */
export type ReceivedUpload = {
  files: { path: string; label: string }[]
  fields: Map<string, string[]>
  /** Names of the parts that were neither a file under `fileField` nor a text field. */
  unexpected: string[]
  remove(): Promise<void>
}

const MAX_FIELD_BYTES = 64 * 1024

/**
 * Streams the multipart body of `request` to a fresh folder under `directory` (never whole in memory):
 * each part named `fileField` that carries a file name becomes a file, other parts are text fields.
 * Refuses a body over `maxBytes` with 413, before reading it when Content-Length already says so.
 */
export async function receiveUpload(
  request: Request,
  options: { directory: string; maxBytes: number; fileField: string },
): Promise<ReceivedUpload> {
  const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined)
  if (boundary === null) {
    throw new RequestError(
      'unsupported_media_type',
      'Send the file as multipart/form-data, in a field named "file".',
    )
  }
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(options.maxBytes)
  if (!request.body) throw new RequestError('invalid_request', 'The request has no body.')
  const folder = join(options.directory, `upload-${randomUUID()}`)
  await mkdir(folder, { recursive: true })
  const upload: ReceivedUpload = {
    files: [],
    fields: new Map(),
    unexpected: [],
    remove: () => rm(folder, { recursive: true, force: true }),
  }
  const handles: FileHandle[] = []
  try {
    await readMultipart(
      request.body,
      boundary,
      async (head): Promise<MultipartSink> => {
        if (head.fileName !== null && head.name === options.fileField) {
          const label = sanitiseFileName(head.fileName)
          // One sub-folder per file keeps its own name, which the import records as the source's name.
          const fileFolder = join(folder, String(upload.files.length + 1))
          await mkdir(fileFolder)
          const path = join(fileFolder, label)
          const handle = await open(path, 'wx')
          handles.push(handle)
          upload.files.push({ path, label })
          return {
            write: async (chunk) => {
              await handle.write(chunk)
            },
            end: () => handle.close(),
          }
        }
        if (head.fileName !== null) {
          upload.unexpected.push(head.name)
          return { write: async () => {}, end: async () => {} }
        }
        const parts: Buffer[] = []
        let size = 0
        return {
          write: async (chunk) => {
            size += chunk.length
            if (size > MAX_FIELD_BYTES) {
              throw new RequestError('invalid_request', `The field "${head.name}" is longer than 64 KiB.`)
            }
            parts.push(Buffer.from(chunk))
          },
          end: async () => {
            const values = upload.fields.get(head.name) ?? []
            values.push(Buffer.concat(parts).toString('utf8'))
            upload.fields.set(head.name, values)
          },
        }
      },
      options.maxBytes,
    )
    return upload
  } catch (error) {
    await Promise.all(handles.map((handle) => handle.close().catch(() => undefined)))
    await upload.remove()
    throw error
  }
}

/**
 * Keeps only the base name of a file name sent by a client: no folder part (either slash), no control or
 * reserved characters, no leading dots, at most 200 characters; "upload" when nothing is left.
 * @example sanitiseFileName('../../etc/passwd') // 'passwd'
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .trim()
  if (cleaned === '') return 'upload'
  if (cleaned.length <= 200) return cleaned
  const dot = cleaned.lastIndexOf('.')
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : ''
  return cleaned.slice(0, 200 - extension.length) + extension
}
