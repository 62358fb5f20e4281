// Deterministic openids: one per persona per appId, like real WeChat where an
// openid is "user id for this AppID" (protocol §1.2). Server-side only.

import type { Persona } from './personas.ts'
import { createHash } from 'node:crypto'
import { PERSONAS } from './personas.ts'

/** `o` + 27 base64url chars = 28 chars, the length of real openids (e.g. oUpF8uMuAJO_M2pxb1Q9zNjWeS6o). */
export function openidFor(appId: string, personaKey: string): string {
  const hash = createHash('sha256').update(`wxsim-openid:${appId}:${personaKey}`).digest('base64url')
  return `o${hash.slice(0, 27)}`
}

/**
 * Load tests need more payers than the consent page offers: followers `follower-1`…
 * `follower-N` (never shown on the consent page) hold valid openids and pay like the
 * iPhone persona. Their openids are made by `crowdOpenid` and stored by the test itself.
 */
export const CROWD_SIZE = 200
export const crowdOpenid = (appId: string, n: number) => openidFor(appId, `follower-${n}`)
const crowds = new Map<string, Set<string>>()

function inCrowd(appId: string, openid: string): boolean {
  let crowd = crowds.get(appId)
  if (!crowd) {
    crowd = new Set(Array.from({ length: CROWD_SIZE }, (_, i) => crowdOpenid(appId, i + 1)))
    crowds.set(appId, crowd)
  }
  return crowd.has(openid)
}

export function personaByOpenid(appId: string, openid: string): Persona | undefined {
  return PERSONAS.find(p => openidFor(appId, p.key) === openid)
    ?? (inCrowd(appId, openid) ? PERSONAS.find(p => p.key === 'iphone') : undefined)
}
