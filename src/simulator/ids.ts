// Random identifiers shaped like WeChat's own, so kit code that stores them
// (column widths, regexes) meets realistic values.
import { randomBytes, randomInt } from 'node:crypto'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const TOKEN_CHARS = `${ALNUM}_-`

export function randomString(length: number, alphabet: string = ALNUM): string {
  let out = ''
  for (let i = 0; i < length; i++)
    out += alphabet[randomInt(alphabet.length)]
  return out
}

export const digits = (n: number): string => randomString(n, '0123456789')

/** OAuth code: 32 characters, single use (protocol §1.1). */
export const newCode = (): string => randomString(32)

/** Access tokens and tickets look like `84_xxxx…` (~136 chars); §2.1 asks storage for 512. */
export const newAccessToken = (): string => `84_${randomString(133, TOKEN_CHARS)}`
export const newRefreshToken = (): string => `84_${randomString(133, TOKEN_CHARS)}`
export const newTicket = (): string => randomString(86, TOKEN_CHARS)

/** The ` rid: …` suffix WeChat appends to errmsg (protocol §1.6). */
export const newRid = (): string => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`

/** prepay_id, e.g. wx201410272009395522657a690389285100 (protocol §6.1). */
export const newPrepayId = (): string => `wx${digits(14)}${randomBytes(9).toString('hex')}0000`

/** transaction_id, 28 digits starting 4200 (protocol §6.6). */
export const newTransactionId = (): string => `4200${digits(24)}`

export const newRefundId = (): string => `50${digits(30)}`

export const newNonce = (): string => randomBytes(16).toString('hex').toUpperCase()

export const newRequestId = (): string => `08${randomBytes(14).toString('hex').toUpperCase()}`

export const newNotifyId = (): string => `EV-${digits(18)}`
