// jsapi_ticket / wx_card ticket (protocol §2.3): valid 7200 s and "must be cached globally".
// Like WeChat, a ticket belongs to the appid, not to the access_token used to fetch it: every
// getticket call while the ticket is valid returns the SAME ticket (with the seconds it has
// left), a new one is minted only once it has expired (simulated clock), and wx.config
// verifies against that current ticket only (bridge preverify, §3.1).
import type { Clock } from '../clock.ts'
import { cstDay } from '../clock.ts'
import { newTicket } from '../ids.ts'
import { TOKEN_TTL_MS } from './token-check.ts'

interface Ticket { ticket: string, expiresAt: number }

export function createTicketStore(clock: Clock, dailyQuota: number) {
  /** `${appId} ${type}` → its current ticket; one per key, so the store stays small. */
  const current = new Map<string, Ticket>()
  /** `${appId}` → calls counted today (China day: WeChat resets quotas at 00:00 CST, §2.1 45009). */
  const calls = new Map<string, { day: string, count: number }>()

  return {
    /** Counts one getticket call; false once the appid's daily quota is used up. */
    takeQuota(appId: string): boolean {
      const day = cstDay(clock.now())
      const c = calls.get(appId)
      const entry = c && c.day === day ? c : { day, count: 0 }
      calls.set(appId, entry)
      if (entry.count >= dailyQuota)
        return false
      entry.count++
      return true
    },
    get(appId: string, type: string): { ticket: string, expiresIn: number } {
      const now = clock.now()
      const key = `${appId} ${type}`
      let t = current.get(key)
      if (!t || t.expiresAt <= now) {
        t = { ticket: newTicket(), expiresAt: now + TOKEN_TTL_MS }
        current.set(key, t)
      }
      return { ticket: t.ticket, expiresIn: Math.ceil((t.expiresAt - now) / 1000) }
    },
    /** The appid's unexpired jsapi_ticket, if any: the only one a wx.config signature may use. */
    currentJsapi(appId: string): { ticket: string } | { expired: boolean } {
      const t = current.get(`${appId} jsapi`)
      if (!t)
        return { expired: false }
      return t.expiresAt > clock.now() ? { ticket: t.ticket } : { expired: true }
    },
  }
}

export type TicketStore = ReturnType<typeof createTicketStore>
