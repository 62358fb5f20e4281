import type { OrderView } from '@shared/schemas/orders.ts'

export interface PollOptions {
  /** First pause; each next one is 1.5× longer, up to `maxDelayMs`. */
  firstDelayMs?: number
  maxDelayMs?: number
  /** Total waiting before giving up (the order stays pending on the server). */
  capMs?: number
  sleep?: (ms: number) => Promise<void>
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

/**
 * Asks for the order until it is no longer pending. Network errors are retried like a pending
 * answer (weak mobile networks); gives `'timeout'` when the cap is reached without an answer.
 */
export async function pollOrder(fetchOrder: () => Promise<OrderView>, opts: PollOptions = {}): Promise<OrderView | 'timeout'> {
  const { firstDelayMs = 500, maxDelayMs = 3000, capMs = 30_000, sleep: wait = sleep } = opts
  let delay = firstDelayMs
  let waited = 0
  for (;;) {
    try {
      const order = await fetchOrder()
      if (order.status !== 'pending')
        return order
    }
    catch {}
    if (waited >= capMs)
      return 'timeout'
    const pause = Math.min(delay, capMs - waited)
    await wait(pause)
    waited += pause
    delay = Math.min(delay * 1.5, maxDelayMs)
  }
}
