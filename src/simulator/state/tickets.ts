// jsapi_ticket (protocol §2.3): 7200 s. Every getticket call issues a fresh ticket and
// earlier ones stay valid until they expire, so a signature made with any unexpired
// ticket verifies (the kit should still cache one, the quota is tight).
import type { Clock } from '../clock.ts'
import { newTicket } from '../ids.ts'
import { TOKEN_TTL_MS } from './token-check.ts'

interface Ticket { ticket: string, appId: string, type: string, expiresAt: number }

export function createTicketStore(clock: Clock) {
  const tickets: Ticket[] = []

  return {
    issue(appId: string, type: string): { ticket: string, expiresIn: number } {
      const now = clock.now()
      // Drop expired tickets so the list stays short.
      for (let i = tickets.length - 1; i >= 0; i--) {
        if (tickets[i]!.expiresAt <= now)
          tickets.splice(i, 1)
      }
      const t: Ticket = { ticket: newTicket(), appId, type, expiresAt: now + TOKEN_TTL_MS }
      tickets.push(t)
      return { ticket: t.ticket, expiresIn: TOKEN_TTL_MS / 1000 }
    },
    /** Unexpired jsapi tickets of an appId, newest first. */
    validJsapi(appId: string): string[] {
      const now = clock.now()
      return tickets.filter(t => t.appId === appId && t.type === 'jsapi' && t.expiresAt > now).map(t => t.ticket).reverse()
    },
  }
}

export type TicketStore = ReturnType<typeof createTicketStore>
