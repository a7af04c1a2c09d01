import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import { RequestError } from './errors.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
}

/** The Content-Type of a file, from its extension. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Answers a GET for the built dashboard in `directory`: the file the path names, else `index.html` for
 * page paths (single-page app routing). Refuses any path that would leave the folder (`..`, encoded
 * slashes, NUL) or name a hidden file, with 403.
 */
export function createStaticFiles(
  directory: string,
): (request: { url: string; method: string; accept: string | undefined }) => Promise<Response> {
  const root = resolve(directory)
  let realRoot: Promise<string> | null = null
  return async ({ url, method, accept }) => {
    const segments = pathSegments(new URL(url).pathname)
    const path = resolve(join(root, ...segments))
    if (path !== root && !path.startsWith(root + sep)) throw forbidden()
    realRoot ??= realpath(root)
    const found = await findFile(path, await realRoot)
    if (found) return fileResponse(found.path, found.bytes, segments, method === 'HEAD')
    const last = segments[segments.length - 1] ?? ''
    const isPage = extname(last) === '' || (accept ?? '').includes('text/html')
    const index = isPage ? await findFile(join(root, 'index.html'), await realRoot) : null
    if (index) return fileResponse(index.path, index.bytes, ['index.html'], method === 'HEAD')
    throw new RequestError('route_not_found', `No file ${new URL(url).pathname}.`)
  }
}

function pathSegments(pathname: string): string[] {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    throw forbidden()
  }
  const segments = decoded.split(/[/\\]/).filter((segment) => segment !== '')
  for (const segment of segments) {
    if (segment.startsWith('.') || segment.includes('\0') || segment.includes(':')) throw forbidden()
  }
  return segments
}

async function findFile(path: string, realRoot: string): Promise<{ path: string; bytes: number } | null> {
  try {
    let info = await stat(path)
    if (info.isDirectory()) {
      path = join(path, 'index.html')
      info = await stat(path)
    }
    if (!info.isFile()) return null
    // A symbolic link inside the folder must not lead out of it.
    const real = await realpath(path)
    if (!real.startsWith(realRoot + sep)) return null
    return { path, bytes: info.size }
  } catch {
    return null
  }
}

function fileResponse(path: string, bytes: number, segments: string[], isHead: boolean): Response {
  // Vite names the files under assets/ by their content hash: they never change, so they may be cached for good.
  const isHashed = segments[0] === 'assets' && segments.length > 1
  const body = isHead ? null : (Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>)
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': contentTypeOf(path),
      'content-length': String(bytes),
      'cache-control': isHashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  })
}

function forbidden(): RequestError {
  return new RequestError('forbidden_path', 'This path is not allowed.')
}
