// Reading the user agent and the clock for analytics; pure functions.

export type Device = 'ios' | 'android' | 'desktop' | 'other'

// Crawlers, link previewers, headless browsers and HTTP libraries: never readers.
const NON_BROWSER = /bot|spider|crawl|slurp|headless|phantomjs|lighthouse|preview|curl|wget|python|java\/|okhttp|go-http|node-fetch|undici|axios|libwww|httpclient|postman|insomnia|scrapy/i

/** A real browser announces itself as Mozilla/…; everything else, and known robots, are dropped. */
export function isBrowser(ua: string | undefined): ua is string {
  return !!ua && ua.length <= 1024 && ua.startsWith('Mozilla/') && !NON_BROWSER.test(ua)
}

export function deviceOf(ua: string): Device {
  if (/iPhone|iPad|iPod/.test(ua))
    return 'ios'
  if (/Android/.test(ua))
    return 'android'
  // WeChat for Windows and Mac, and desktop browsers.
  if (/Windows NT|Macintosh|WindowsWechat|MacWechat|X11; Linux/.test(ua))
    return 'desktop'
  return 'other'
}

export function weChatVersionOf(ua: string): string | null {
  return /MicroMessenger\/(\d+(?:\.\d+){1,3})/.exec(ua)?.[1] ?? null
}

// Operators read their figures in China Standard Time (UTC+8, no daylight saving).
const CST_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** The CST calendar day of an instant, `YYYY-MM-DD`. */
export function cstDay(ms: number): string {
  return new Date(ms + CST_MS).toISOString().slice(0, 10)
}

/** The Monday (CST) of the week holding an instant. */
export function cstWeek(ms: number): string {
  const local = new Date(ms + CST_MS)
  const sinceMonday = (local.getUTCDay() + 6) % 7
  return new Date(local.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10)
}

/** The instant a CST day starts. */
export function cstDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

export function minuteOf(ms: number): number {
  return ms - (ms % 60_000)
}

/** Batches arrive late (a beacon on leaving) but not by much; older or future times take the arrival time. */
export const MAX_EVENT_AGE_MS = 10 * 60_000
export function eventTime(at: number | string | undefined, now: number): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : Number.NaN
  if (!Number.isFinite(ms) || ms < now - MAX_EVENT_AGE_MS)
    return now
  return Math.min(ms, now)
}
