// Bounded memory for long dev sessions and load tests: stores drop entries that can no
// longer matter. Sweeps run when something new is issued, at most once per simulated
// minute, so a burst of issues costs O(1) each rather than a full scan every time.
import type { Clock } from '../clock.ts'

/**
 * How long an expired entry is kept so a late caller still gets "expired" (42001/42002/42003)
 * rather than "invalid" (40001/40030/40029) (protocol §1.6); afterwards it is forgotten.
 */
export const EXPIRED_GRACE_MS = 7 * 24 * 3600_000
const SWEEP_EVERY_MS = 60_000

/** Returns `maybeSweep()`: calls `sweep(now)` if a simulated minute passed since the last one. */
export function createSweeper(clock: Clock, sweep: (now: number) => void): () => void {
  let last = Number.NEGATIVE_INFINITY
  return () => {
    const now = clock.now()
    if (now - last < SWEEP_EVERY_MS)
      return
    last = now
    sweep(now)
  }
}

/** Deletes the entries of `map` for which `dead(value)` holds. */
export function deleteWhere<K, V>(map: Map<K, V>, dead: (value: V) => boolean): void {
  for (const [k, v] of map) {
    if (dead(v))
      map.delete(k)
  }
}
