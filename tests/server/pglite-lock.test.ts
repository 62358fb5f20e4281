import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/server/db/open-database.ts'

describe('the embedded database directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kit-pglite-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('belongs to one process at a time, with a clear message for the second', async () => {
    const first = await openDatabase({ databaseUrl: null, dataDir })
    await expect(openDatabase({ databaseUrl: null, dataDir })).rejects.toThrow(/is in use by process \d.*DATABASE_URL/)
    await first.close()
    const again = await openDatabase({ databaseUrl: null, dataDir })
    await again.close()
  })

  it('is taken over when the previous owner died without cleaning up', async () => {
    writeFileSync(join(dataDir, 'pglite.owner.pid'), '999999999')
    const db = await openDatabase({ databaseUrl: null, dataDir })
    await db.ping()
    await db.close()
  })
})
