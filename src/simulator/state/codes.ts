// OAuth codes (protocol §1.1): "code只能使用一次，5分钟未被使用自动过期".
import type { Clock } from '../clock.ts'
import type { PersonaKey } from '../personas.ts'
import { newCode } from '../ids.ts'
import { createSweeper, deleteWhere } from './prune.ts'

export const CODE_TTL_MS = 300_000

export interface AuthCode {
  code: string
  appId: string
  personaKey: PersonaKey
  scope: 'snsapi_base' | 'snsapi_userinfo'
  issuedAt: number
  used: boolean
}

export type RedeemResult = { ok: true, entry: AuthCode } | { ok: false, reason: 'unknown' | 'used' | 'expired' }

export function createCodeStore(clock: Clock) {
  const codes = new Map<string, AuthCode>()

  // Forget codes an hour past issue: by then a late exchange is a bug either way (40029 vs 42003).
  const sweep = createSweeper(clock, now => deleteWhere(codes, v => v.issuedAt < now - CODE_TTL_MS * 12))

  return {
    issue(appId: string, personaKey: PersonaKey, scope: AuthCode['scope']): string {
      sweep()
      const code = newCode()
      codes.set(code, { code, appId, personaKey, scope, issuedAt: clock.now(), used: false })
      return code
    },
    redeem(code: string, appId: string): RedeemResult {
      const entry = codes.get(code)
      if (!entry || entry.appId !== appId)
        return { ok: false, reason: 'unknown' }
      if (entry.used)
        return { ok: false, reason: 'used' }
      if (clock.now() - entry.issuedAt > CODE_TTL_MS)
        return { ok: false, reason: 'expired' }
      entry.used = true
      return { ok: true, entry }
    },
  }
}

export type CodeStore = ReturnType<typeof createCodeStore>
