import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/server/db/open-database.ts'

// Each test creates an on-disk PGlite (initdb) up to three times: slow on a busy 2-core machine.
describe('the embedded database directory', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kit-pglite-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('belongs to one process at a time, with a clear message for the second', async () => {
    const first = await openDatabase({ databaseUrl: null, dataDir })
    await expect(openDatabase({ databaseUrl: null, dataDir })).rejects.toThrow(/is in use by process \d.*DATABASE_URL/)
    await first.close()
    const again = await openDatabase({ databaseUrl: null, dataDir })
    await expect(again.ping()).resolves.toBeUndefined()
    expect(readFileSync(join(dataDir, 'pglite.owner.pid'), 'utf8').trim()).toBe(String(process.pid))
    await again.close()
  })

  it('is taken over when the previous owner died without cleaning up', async () => {
    writeFileSync(join(dataDir, 'pglite.owner.pid'), '999999999')
    const db = await openDatabase({ databaseUrl: null, dataDir })
    await expect(db.ping()).resolves.toBeUndefined()
    expect(readFileSync(join(dataDir, 'pglite.owner.pid'), 'utf8').trim()).toBe(String(process.pid))
    await db.close()
  })
})
