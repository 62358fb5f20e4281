/** Where a run's link may go: an in-site path (router) or an https page; anything else is no link. */
export type LinkTarget = { kind: 'internal', path: string } | { kind: 'external', href: string }

// Whitespace and control characters let `java\tscript:` or `/\evil.example` slip past a naive check.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\s\u0000-\u001F\u007F\\]/

/**
 * The server only stores `https://…` and `/…` links; this checks again (defence in depth), so a
 * `javascript:`, `data:` or protocol-relative `//host` href in the data is rendered as plain text.
 */
export function linkTarget(href: string | undefined): LinkTarget | null {
  if (!href || UNSAFE_CHARS.test(href))
    return null
  if (href.startsWith('/') && !href.startsWith('//'))
    return { kind: 'internal', path: href }
  if (!/^https:\/\//i.test(href))
    return null
  try {
    const url = new URL(href)
    return url.protocol === 'https:' && url.hostname ? { kind: 'external', href: url.href } : null
  }
  catch {
    return null
  }
}
