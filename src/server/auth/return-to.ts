/**
 * Only same-origin relative paths may be a post-sign-in destination, or the
 * sign-in flow becomes an open redirect. `code`/`state` are dropped so a
 * finished sign-in never lands on a URL carrying a used OAuth code.
 */
export function safeReturnTo(value: string | undefined, publicOrigin: string): string {
  if (!value || value.length > 1024 || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value))
    return '/'
  let url: URL
  try {
    url = new URL(value, publicOrigin)
  }
  catch {
    return '/'
  }
  if (url.origin !== publicOrigin || /^\/(?:auth|api)\//.test(url.pathname))
    return '/'
  url.searchParams.delete('code')
  url.searchParams.delete('state')
  return url.pathname + url.search + url.hash
}
