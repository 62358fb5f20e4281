import { createHash, randomBytes } from 'node:crypto'

/** A random bearer token for a cookie; only its hash is stored, so a database leak reveals no live session. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random [A-Za-z0-9] string: WeChat's OAuth `state` allows only these (≤128 bytes). */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes)
    out += ALNUM[b % 62]
  return out
}
