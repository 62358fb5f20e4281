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

export function personaByOpenid(appId: string, openid: string): Persona | undefined {
  return PERSONAS.find(p => openidFor(appId, p.key) === openid)
}
