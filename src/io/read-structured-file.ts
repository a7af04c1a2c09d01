/**
 * Reads a YAML or JSON document (JSON is read as YAML 1.2) and keeps where each value was written, so that a
 * validation problem found later can name its file, line and column.
 */
import { readFile } from 'node:fs/promises'
import { isNode, LineCounter, parseDocument } from 'yaml'
import { AppError } from '../app/errors.js'
import type { StructuredFile } from '../app/ports.js'

/** Parses `text` (the content of `file`); a syntax error becomes an AppError naming file, line and column. */
export function parseStructuredText(file: string, text: string): StructuredFile {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0])
      return `${file}:${line}:${col}: ${error.message.split('\n')[0]}`
    })
    throw new AppError('invalid_argument', `Cannot read ${file}:\n  ${problems.join('\n  ')}`, { file })
  }
  return {
    file,
    value: document.toJS() as unknown,
    locate(path) {
      // The deepest node written in the file along `path` (a missing key points at its parent).
      for (let depth = path.length; depth >= 0; depth -= 1) {
        const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true)
        if (isNode(node) && node.range) {
          const { line, col } = lineCounter.linePos(node.range[0])
          return { line, column: col }
        }
      }
      return null
    },
  }
}

/** Reads and parses a YAML or JSON file. */
export async function readStructuredFile(path: string): Promise<StructuredFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new AppError('file_not_found', `${path}: no such file.`, { file: path })
  }
  return parseStructuredText(path, text.replace(/^\uFEFF/, ''))
}
