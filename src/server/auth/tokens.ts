import { createHash, randomBytes, randomFillSync } from 'node:crypto'

/** A random bearer token for a cookie; only its hash is stored, so a database leak reveals no live session. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

// One CSPRNG fill serves many short strings (a JS-SDK nonce per signature adds up).
const pool = Buffer.alloc(4096)
let used = pool.length

/** Random [A-Za-z0-9] string: WeChat's OAuth `state` allows only these (≤128 bytes). */
export function randomAlnum(length: number): string {
  if (length > pool.length)
    return [...randomBytes(length)].map(b => ALNUM[b % 62]).join('')
  if (used + length > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  let out = ''
  for (let i = used; i < used + length; i++)
    out += ALNUM[pool[i]! % 62]
  used += length
  return out
}
