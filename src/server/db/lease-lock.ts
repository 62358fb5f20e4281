import { randomUUID } from 'node:crypto'

/** One autocommit statement on any pooled connection; returns its rows. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<unknown[]>

export interface LeaseLockOptions {
  /** A lease lasts this long unless renewed; a crashed holder frees its names after it. */
  leaseMs?: number
  /** Give up waiting for a name after this long (LockWaitTimeout). */
  maxWaitMs?: number
  sleep?: (ms: number) => Promise<void>
}

/** Another instance held the name for longer than a request should wait. */
export class LockWaitTimeout extends Error {
  constructor(name: string) {
    super(`lock ${name} is busy`)
    this.name = 'LockWaitTimeout'
  }
}

const TAKE = `INSERT INTO lock_leases (name, holder, expires_at)
  VALUES ($1, $2, now() + $3 * interval '1 millisecond')
  ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
  WHERE lock_leases.expires_at < now()
  RETURNING holder`
const RENEW = `UPDATE lock_leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE name = $1 AND holder = $2`
const GIVE_BACK = `DELETE FROM lock_leases WHERE name = $1 AND holder = $2`

/**
 * Named locks shared by every instance, as lease rows (table `lock_leases`). Taking,
 * renewing and giving back are single autocommit statements, so no connection is held
 * while waiting or while `fn` runs, and `fn` is free to use the pool and call WeChat.
 * Waiting is a sleep with jittered backoff. See ./README.md for why.
 */
export function createLeaseLock(run: RunQuery, o: LeaseLockOptions = {}) {
  const leaseMs = o.leaseMs ?? 30_000
  const maxWaitMs = o.maxWaitMs ?? 10_000
  const sleep = o.sleep ?? (ms => new Promise(r => setTimeout(r, ms)))

  return async function withLease<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const holder = randomUUID()
    const giveUpAt = Date.now() + maxWaitMs
    for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
      if ((await run(TAKE, [name, holder, leaseMs])).length > 0)
        break
      if (Date.now() >= giveUpAt)
        throw new LockWaitTimeout(name)
      await sleep(pause / 2 + Math.random() * pause)
    }
    // Work that outlives a third of the lease renews it, so a slow WeChat call keeps the name.
    const renew = setInterval(() => {
      run(RENEW, [name, holder, leaseMs]).catch(() => {})
    }, leaseMs / 3)
    renew.unref()
    try {
      return await fn()
    }
    finally {
      clearInterval(renew)
      // If this fails (database gone), the lease expires on its own.
      await run(GIVE_BACK, [name, holder]).catch(() => {})
    }
  }
}
