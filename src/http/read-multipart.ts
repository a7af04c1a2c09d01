import { RequestError } from './errors.js'

/** The headers of one part of a multipart/form-data body. */
export type MultipartPartHead = { name: string; fileName: string | null; contentType: string | null }

/** Where the bytes of one part go; `write` is awaited before more of the body is read (backpressure). */
export type MultipartSink = { write(chunk: Uint8Array): Promise<void>; end(): Promise<void> }

type ParserState = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done'

const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')
const MAX_HEADER_BYTES = 16 * 1024

/** The boundary named by a `multipart/form-data; boundary=…` content type, or null for anything else. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2] ?? null
  return boundary !== null && boundary.length <= 70 ? boundary : null
}

/**
 * Reads a multipart/form-data body as it arrives, handing each part's bytes to the sink `onPart` returns:
 * only a few kilobytes are held in memory whatever the size of the parts. Throws `payload_too_large` as
 * soon as more than `maxBytes` arrived, and `invalid_request` for a body that is not well-formed multipart.
 */
export async function readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  onPart: (head: MultipartPartHead) => Promise<MultipartSink>,
  maxBytes: number,
): Promise<void> {
  // The body's first delimiter line has no CRLF before it: start with one so every delimiter looks alike.
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let buffer: Buffer = Buffer.from(CRLF)
  // Widened on purpose: `drain` changes it, which narrowing on the initial value cannot see.
  let state = 'preamble' as ParserState
  let sink: MultipartSink | null = null
  let received = 0

  const drain = async (): Promise<void> => {
    for (;;) {
      if (state === 'preamble' || state === 'body') {
        const index = buffer.indexOf(delimiter)
        if (index < 0) {
          // Keep the tail that could be the start of a delimiter split across two chunks.
          const safe = buffer.length - (delimiter.length - 1)
          if (safe > 0) {
            if (sink) await sink.write(buffer.subarray(0, safe))
            buffer = buffer.subarray(safe)
          }
          return
        }
        if (sink) {
          if (index > 0) await sink.write(buffer.subarray(0, index))
          await sink.end()
          sink = null
        }
        buffer = buffer.subarray(index + delimiter.length)
        state = 'after-delimiter'
      } else if (state === 'after-delimiter') {
        if (buffer.length < 2) return
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = 'done'
          return
        }
        const lineEnd = buffer.indexOf(CRLF)
        if (lineEnd < 0) {
          if (buffer.length > 256) throw malformed('a delimiter line does not end')
          return
        }
        // RFC 2046 allows spaces after the boundary ("transport padding").
        if (buffer.subarray(0, lineEnd).toString('latin1').trim() !== '')
          throw malformed('text after a delimiter')
        buffer = buffer.subarray(lineEnd + 2)
        state = 'headers'
      } else if (state === 'headers') {
        const end = buffer.subarray(0, 2).equals(CRLF) ? -2 : buffer.indexOf(HEADER_END)
        if (end === -1) {
          if (buffer.length > MAX_HEADER_BYTES) throw malformed('part headers are too long')
          return
        }
        const head = parseHead(end < 0 ? '' : buffer.subarray(0, end).toString('utf8'))
        buffer = buffer.subarray(end + 4)
        sink = await onPart(head)
        state = 'body'
      } else {
        return
      }
    }
  }

  for await (const chunk of body) {
    received += chunk.length
    if (received > maxBytes) throw tooLarge(maxBytes)
    if (state === 'done') continue
    buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk])
    await drain()
  }
  if (state !== 'done') throw malformed('the body ends before the closing delimiter')
}

/** The 413 error for a body over `maxBytes`. */
export function tooLarge(maxBytes: number): RequestError {
  return new RequestError(
    'payload_too_large',
    `The upload is larger than the limit of ${formatBytes(maxBytes)}; split the file or raise the server's upload limit.`,
  )
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`
  return `${bytes} bytes`
}

function malformed(detail: string): RequestError {
  return new RequestError('invalid_request', `The body is not valid multipart/form-data: ${detail}.`)
}

function parseHead(text: string): MultipartPartHead {
  let disposition = ''
  let contentType: string | null = null
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (name === 'content-disposition') disposition = value
    else if (name === 'content-type') contentType = value
  }
  if (!/^form-data\s*(;|$)/i.test(disposition))
    throw malformed('a part has no "Content-Disposition: form-data"')
  const parameters = new Map<string, string>()
  // Browsers do not escape backslashes in quoted names (they write `"` as %22): take the text as it is.
  for (const match of disposition.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"([^"]*)"|([^;]*))/g)) {
    const key = match[1]!.toLowerCase()
    const value = match[2] ?? match[3]!.trim()
    parameters.set(key, value)
  }
  const name = parameters.get('name')
  if (name === undefined) throw malformed('a part has no name')
  let fileName = parameters.get('filename') ?? null
  const extended = parameters.get('filename*')
  if (extended !== undefined) {
    // RFC 5987: filename*=UTF-8''na%C3%AFve.csv takes precedence over filename.
    const encoded = /^utf-8'[^']*'(.*)$/i.exec(extended)?.[1]
    if (encoded !== undefined) {
      try {
        fileName = decodeURIComponent(encoded)
      } catch {
        fileName = encoded
      }
    }
  }
  return { name, fileName, contentType }
}
