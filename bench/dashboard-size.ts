/**
 * Size of the built dashboard's JavaScript, gzip-compressed as a server would send it (target: under 1.5 MB).
 * Run after `npm run build`: node dist/bench/dashboard-size.js [dist/web]
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const TARGET_BYTES = 1.5 * 1000 * 1000

const folder = process.argv[2] ?? 'dist/web'
const assets = join(folder, 'assets')
const files = (await readdir(assets)).filter((name) => name.endsWith('.js')).sort()
if (files.length === 0) {
  console.error(`dashboard-size: no JavaScript in ${assets}; run "npm run build" first.`)
  process.exit(2)
}
let rawBytes = 0
let gzipBytes = 0
const perFile: { file: string; rawBytes: number; gzipBytes: number }[] = []
for (const file of files) {
  const bytes = await readFile(join(assets, file))
  const compressed = gzipSync(bytes, { level: 9 }).length
  rawBytes += bytes.length
  gzipBytes += compressed
  perFile.push({ file, rawBytes: bytes.length, gzipBytes: compressed })
}
console.log(
  JSON.stringify({ folder, rawBytes, gzipBytes, targetGzipBytes: TARGET_BYTES, isMet: gzipBytes < TARGET_BYTES, perFile }, null, 2),
)
process.exitCode = gzipBytes < TARGET_BYTES ? 0 : 1
