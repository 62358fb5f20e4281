import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite is a database inside one process: two processes opening the same
 * directory would each keep their own copy and overwrite each other. A lock
 * file with the owner's pid makes the second one stop with a clear message.
 * Returns the release function.
 */
export function lockPgliteDir(dir: string): () => void {
  const file = join(dir, 'pglite.owner.pid')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return () => rmSync(file, { force: true })
    }
    catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw e
      const owner = Number(readFileSync(file, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(`The embedded database in ${join(dir, 'pglite')} is in use by process ${owner}. `
          + 'Stop it, or give this instance its own DATA_DIR; to run several instances, use PostgreSQL (DATABASE_URL).')
      }
      // A crashed owner left the file behind: take over.
      rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not lock ${dir}`)
}
