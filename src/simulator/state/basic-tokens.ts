// Basic access_token from GET /cgi-bin/token (protocol §2.1).
// "重复获取将导致上次获取的access_token失效": a new call revokes this endpoint's previous token.
import type { Clock } from '../clock.ts'
import type { TokenCheck } from './token-check.ts'
import { newAccessToken } from '../ids.ts'
import { createSweeper, deleteWhere, EXPIRED_GRACE_MS } from './prune.ts'
import { TOKEN_TTL_MS } from './token-check.ts'

interface Entry { appId: string, expiresAt: number, revoked: boolean }

export function createBasicTokenStore(clock: Clock) {
  const tokens = new Map<string, Entry>()
  const latest = new Map<string, string>()
  // A revoked token answers 40001 whether or not it is remembered, so it goes once expired.
  const sweep = createSweeper(clock, now => deleteWhere(tokens, e => e.expiresAt + (e.revoked ? 0 : EXPIRED_GRACE_MS) <= now))

  return {
    issue(appId: string): { token: string, expiresIn: number } {
      sweep()
      const previous = latest.get(appId)
      const prevEntry = previous ? tokens.get(previous) : undefined
      if (prevEntry)
        prevEntry.revoked = true
      const token = newAccessToken()
      tokens.set(token, { appId, expiresAt: clock.now() + TOKEN_TTL_MS, revoked: false })
      latest.set(appId, token)
      return { token, expiresIn: TOKEN_TTL_MS / 1000 }
    },
    check(token: string): TokenCheck {
      const e = tokens.get(token)
      if (!e || e.revoked)
        return { status: 'invalid' }
      return e.expiresAt <= clock.now() ? { status: 'expired' } : { status: 'ok', appId: e.appId }
    },
  }
}

export type BasicTokenStore = ReturnType<typeof createBasicTokenStore>
