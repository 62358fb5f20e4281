// Web-authorization (网页授权) access/refresh tokens (protocol §1.2, §1.3).
// Not the basic cgi-bin token: a user token never works on /cgi-bin and vice versa.
import type { Clock } from '../clock.ts'
import type { PersonaKey } from '../personas.ts'
import { newAccessToken, newRefreshToken } from '../ids.ts'
import { createSweeper, deleteWhere, EXPIRED_GRACE_MS } from './prune.ts'
import { TOKEN_TTL_MS } from './token-check.ts'

export const REFRESH_TTL_MS = 30 * 24 * 3600_000

export interface UserGrant {
  appId: string
  openid: string
  personaKey: PersonaKey
  scope: 'snsapi_base' | 'snsapi_userinfo'
  accessToken: string
  accessExpiresAt: number
  refreshToken: string
  refreshExpiresAt: number
}

export type GrantLookup = { status: 'ok', grant: UserGrant } | { status: 'invalid' } | { status: 'expired' }

export function createUserTokenStore(clock: Clock) {
  const byAccess = new Map<string, UserGrant>()
  const byRefresh = new Map<string, UserGrant>()
  // A grant lives as long as its refresh_token (30 days), then a grace week for 42002.
  const sweep = createSweeper(clock, (now) => {
    const dead = (g: UserGrant): boolean => g.refreshExpiresAt + EXPIRED_GRACE_MS <= now
    deleteWhere(byAccess, dead)
    deleteWhere(byRefresh, dead)
  })

  return {
    issue(g: Pick<UserGrant, 'appId' | 'openid' | 'personaKey' | 'scope'>): UserGrant {
      sweep()
      const now = clock.now()
      const grant: UserGrant = {
        ...g,
        accessToken: newAccessToken(),
        accessExpiresAt: now + TOKEN_TTL_MS,
        refreshToken: newRefreshToken(),
        refreshExpiresAt: now + REFRESH_TTL_MS,
      }
      byAccess.set(grant.accessToken, grant)
      byRefresh.set(grant.refreshToken, grant)
      return grant
    },
    byAccessToken(token: string): GrantLookup {
      const grant = byAccess.get(token)
      if (!grant)
        return { status: 'invalid' }
      return grant.accessExpiresAt <= clock.now() ? { status: 'expired' } : { status: 'ok', grant }
    },
    /** §1.3: an expired access_token is replaced; a live one comes back with its expiry extended. */
    refresh(refreshToken: string, appId: string): GrantLookup {
      const grant = byRefresh.get(refreshToken)
      if (!grant || grant.appId !== appId)
        return { status: 'invalid' }
      const now = clock.now()
      if (grant.refreshExpiresAt <= now)
        return { status: 'expired' }
      if (grant.accessExpiresAt <= now) {
        byAccess.delete(grant.accessToken)
        grant.accessToken = newAccessToken()
        byAccess.set(grant.accessToken, grant)
      }
      grant.accessExpiresAt = now + TOKEN_TTL_MS
      return { status: 'ok', grant }
    },
  }
}

export type UserTokenStore = ReturnType<typeof createUserTokenStore>
