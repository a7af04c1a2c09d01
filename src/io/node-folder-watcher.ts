import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { AppError } from '../app/errors.js'
import type { FolderEntry, FolderWatcher } from '../app/ports.js'

/** The FolderWatcher port on the local file system (or a mounted network share). */
export function createNodeFolderWatcher(): FolderWatcher {
  return {
    list: listFiles,
    async subfolders(folder) {
      const names = await readdir(folder).catch((error: unknown) => {
        if (isMissing(error)) return []
        throw error
      })
      const found: string[] = []
      for (const name of names) {
        const info = await stat(join(folder, name)).catch(() => null)
        if (info?.isDirectory()) found.push(name)
      }
      return found.sort()
    },
    async move(from, to) {
      await mkdir(dirname(to), { recursive: true })
      if (await exists(to))
        throw new AppError('invalid_argument', `${to}: a file of that name is already there.`)
      await rename(from, to)
    },
    async writeText(path, text) {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text, 'utf8')
    },
  }
}

async function listFiles(folder: string): Promise<FolderEntry[] | null> {
  let names: string[]
  try {
    // Names only, then stat: some network file systems report no entry type with the listing.
    names = await readdir(folder)
  } catch (error) {
    // A file is no folder: null, as for a missing one (`referential import a.csv b.csv` names files).
    if (isMissing(error) || (error instanceof Error && 'code' in error && error.code === 'ENOTDIR')) return null
    throw error
  }
  const entries: FolderEntry[] = []
  for (const name of names) {
    // A file may vanish between the listing and its stat (moved away by someone else): skip it.
    const info = await stat(join(folder, name)).catch((error: unknown) => {
      if (isMissing(error)) return null
      throw error
    })
    if (info?.isFile()) entries.push({ name, sizeBytes: info.size, modifiedMs: info.mtimeMs })
  }
  return entries
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}
