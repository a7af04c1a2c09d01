import { describe, expect, it } from 'vitest'
import { RequestError } from './errors.js'
import { multipartBoundary, readMultipart, type MultipartPartHead } from './read-multipart.js'

const BOUNDARY = '----empreinte7MA4YWxkTrZu0gW'

/** Feeds `text` to the reader in chunks of `size` bytes and collects each part's head and text. */
async function parse(text: string, size: number, maxBytes = 1 << 20) {
  const bytes = new TextEncoder().encode(text)
  const chunks = async function* () {
    for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size)
  }
  const parts: (MultipartPartHead & { text: string })[] = []
  await readMultipart(
    chunks(),
    BOUNDARY,
    async (head) => {
      const received: Uint8Array[] = []
      return {
        write: async (chunk) => {
          received.push(Uint8Array.from(chunk))
        },
        end: async () => {
          parts.push({ ...head, text: Buffer.concat(received).toString('utf8') })
        },
      }
    },
    maxBytes,
  )
  return parts
}

const body =
  'preamble to ignore\r\n' +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="format"\r\n\r\nglpi\r\n` +
  `--${BOUNDARY}  \r\nContent-Disposition: form-data; name="file"; filename="C:\\exports\\parc.csv"\r\nContent-Type: text/csv\r\n\r\n` +
  `a;b\r\n--${BOUNDARY.slice(0, 10)} is not a delimiter\r\nfin\r\n` +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"; filename*=UTF-8''na%C3%AFve.csv\r\n\r\n\r\n` +
  `--${BOUNDARY}--\r\nepilogue to ignore`

describe('readMultipart', () => {
  it.each([1, 2, 7, 64, 100_000])('reads the same parts whatever the chunk size (%i bytes)', async (size) => {
    expect(await parse(body, size)).toEqual([
      { name: 'format', fileName: null, contentType: null, text: 'glpi' },
      {
        name: 'file',
        fileName: 'C:\\exports\\parc.csv',
        contentType: 'text/csv',
        text: `a;b\r\n--${BOUNDARY.slice(0, 10)} is not a delimiter\r\nfin`,
      },
      { name: 'file', fileName: 'naïve.csv', contentType: null, text: '' },
    ])
  })

  it('refuses a body that ends before the closing delimiter', async () => {
    await expect(parse(body.slice(0, 120), 16)).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'The body is not valid multipart/form-data: the body ends before the closing delimiter.',
    })
  })

  it('refuses a part without a form-data disposition', async () => {
    const text = `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${BOUNDARY}--\r\n`
    await expect(parse(text, 8)).rejects.toBeInstanceOf(RequestError)
  })

  it('stops with payload_too_large as soon as more than the limit arrived', async () => {
    await expect(parse(body, 50, 100)).rejects.toMatchObject({ code: 'payload_too_large' })
  })
})

describe('multipartBoundary', () => {
  it.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['Multipart/Form-Data; charset=utf-8; boundary="a b:c"', 'a b:c'],
    ['multipart/mixed; boundary=abc', null],
    ['application/json', null],
    [undefined, null],
  ])('reads %s', (contentType, expected) => {
    expect(multipartBoundary(contentType)).toBe(expected)
  })
})
