import type { Clock } from '../clock.ts'
import type { TokenCheck } from './token-check.ts'
// Stable access_token from POST /cgi-bin/stable_token (protocol §2.2), isolated from /cgi-bin/token.
// https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html
import { cstDay } from '../clock.ts'
import { newAccessToken } from '../ids.ts'
import { createSweeper, deleteWhere, EXPIRED_GRACE_MS } from './prune.ts'
import { TOKEN_TTL_MS } from './token-check.ts'

/** The platform renews a stable token in its last 5 minutes. */
const RENEW_WINDOW_MS = 300_000
const FORCE_DAILY_LIMIT = 20
const FORCE_MIN_GAP_MS = 30_000

interface Entry { appId: string, expiresAt: number, revoked: boolean }
interface AppState { current?: string, lastForceAt?: number, forceDay?: string, forceCount: number }

export function createStableTokenStore(clock: Clock) {
  const tokens = new Map<string, Entry>()
  const apps = new Map<string, AppState>()
  // The current token is never swept: it is unexpired or replaced on the next call anyway.
  const sweep = createSweeper(clock, now => deleteWhere(tokens, e => e.expiresAt + (e.revoked ? 0 : EXPIRED_GRACE_MS) <= now))

  function mint(appId: string, s: AppState): string {
    sweep()
    const token = newAccessToken()
    tokens.set(token, { appId, expiresAt: clock.now() + TOKEN_TTL_MS, revoked: false })
    s.current = token
    return token
  }

  /** force_refresh is honoured at most 20 times a (China) day and 30 s apart; otherwise it is a normal call. */
  function forceAllowed(s: AppState, now: number): boolean {
    const day = cstDay(now)
    if (s.forceDay !== day) {
      s.forceDay = day
      s.forceCount = 0
    }
    if (s.forceCount >= FORCE_DAILY_LIMIT)
      return false
    if (s.lastForceAt !== undefined && now - s.lastForceAt < FORCE_MIN_GAP_MS)
      return false
    s.forceCount++
    s.lastForceAt = now
    return true
  }

  return {
    get(appId: string, forceRefresh: boolean): { token: string, expiresIn: number } {
      const now = clock.now()
      const s = apps.get(appId) ?? { forceCount: 0 }
      apps.set(appId, s)
      const cur = s.current ? tokens.get(s.current) : undefined
      let token: string
      if (forceRefresh && forceAllowed(s, now)) {
        // force_refresh=true invalidates the previous token at once.
        if (cur)
          cur.revoked = true
        token = mint(appId, s)
      }
      else if (!cur || cur.revoked || cur.expiresAt - now <= RENEW_WINDOW_MS) {
        // In the renew window the old token stays valid until its own expiry.
        token = mint(appId, s)
      }
      else {
        token = s.current!
      }
      const entry = tokens.get(token)!
      return { token, expiresIn: Math.floor((entry.expiresAt - now) / 1000) }
    },
    check(token: string): TokenCheck {
      const e = tokens.get(token)
      if (!e || e.revoked)
        return { status: 'invalid' }
      return e.expiresAt <= clock.now() ? { status: 'expired' } : { status: 'ok', appId: e.appId }
    },
  }
}

export type StableTokenStore = ReturnType<typeof createStableTokenStore>
