// The simulator's two notions of time.
// - `now()` (simulated): base clock + an offset that tests push forward with
//   POST /__sim/clock, so codes, tokens, tickets and prepay_ids can be expired
//   without waiting.
// - `wallNow()`: the base clock alone. Signature timestamps on the wire
//   (Authorization ±300 s, Wechatpay-Timestamp) are checked against the merchant
//   server's real clock, which a simulated time jump must not skew.

export interface Clock {
  /** Simulated time in ms. */
  now: () => number
  /** Simulated time in whole seconds. */
  nowSeconds: () => number
  /** Wall time in ms (no offset). */
  wallNow: () => number
  advance: (seconds: number) => void
  offsetSeconds: () => number
}

export function createClock(base: () => number = Date.now): Clock {
  let offsetMs = 0
  const now = (): number => base() + offsetMs
  return {
    now,
    nowSeconds: () => Math.floor(now() / 1000),
    wallNow: base,
    advance: (seconds) => { offsetMs += seconds * 1000 },
    offsetSeconds: () => offsetMs / 1000,
  }
}

/** RFC 3339 in China Standard Time, the format of WeChat Pay times: 2019-04-02T20:34:20+08:00. */
export function toCstRfc3339(ms: number): string {
  const d = new Date(ms + 8 * 3600_000)
  return `${d.toISOString().slice(0, 19)}+08:00`
}

/** The China calendar day of a time, for daily quotas (WeChat resets them at 00:00 CST). */
export function cstDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
}
