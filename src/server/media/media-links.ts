import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * URLs for media. Public media have a stable URL served with long-lived caching; premium media
 * (used after a paywall break) get a URL that carries its expiry and an HMAC of (id, variant,
 * expiry), so a copied URL stops working once it expires and cannot be extended or moved to
 * another file. The media route checks `verify()` before it sends a premium byte.
 */
export interface MediaLinks {
  publicUrl: (id: string, variant?: string) => string
  signedUrl: (id: string, variant?: string) => string
  verify: (id: string, variant: string | undefined, exp: string | undefined, sig: string | undefined) => boolean
  /** Like `verify`, but tells an expired (genuine) link from a forged or missing one. */
  check: (id: string, variant: string | undefined, exp: string | undefined, sig: string | undefined) => 'valid' | 'expired' | 'invalid'
}

export interface MediaLinkOptions {
  /** Derived from the session secret by the caller; never sent to clients. */
  secret: string
  ttlSeconds: number
  now: () => number
}

export function createMediaLinks({ secret, ttlSeconds, now }: MediaLinkOptions): MediaLinks {
  const key = createHmac('sha256', secret).update('media-url-v1').digest()
  const mac = (id: string, variant: string, exp: number) =>
    createHmac('sha256', key).update(`${id}\n${variant}\n${exp}`).digest('base64url')
  const path = (id: string, variant?: string) => `/media/${encodeURIComponent(id)}${variant ? `/${encodeURIComponent(variant)}` : ''}`
  const check: MediaLinks['check'] = (id, variant, exp, sig) => {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp))
      return 'invalid'
    const expiry = Number(exp)
    const expected = Buffer.from(mac(id, variant ?? '', expiry))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return 'invalid'
    return expiry * 1000 <= now() ? 'expired' : 'valid'
  }
  return {
    publicUrl: path,
    signedUrl(id, variant) {
      // Rounded up to the minute so every reader in that minute gets the same, cacheable URL.
      const exp = Math.ceil((now() / 1000 + ttlSeconds) / 60) * 60
      return `${path(id, variant)}?exp=${exp}&sig=${mac(id, variant ?? '', exp)}`
    },
    verify: (id, variant, exp, sig) => check(id, variant, exp, sig) === 'valid',
    check,
  }
}
