/**
 * Only same-origin relative paths may be a post-sign-in destination, or the
 * sign-in flow becomes an open redirect. `code`/`state` are dropped so a
 * finished sign-in never lands on a URL carrying a used OAuth code.
 * Every check is made on the path as the URL parser normalised it too: dot
 * segments can turn `/.//evil.example` into `//evil.example`, which a browser
 * reads as another host.
 */
export function safeReturnTo(value: string | undefined, publicOrigin: string): string {
  if (!value || value.length > 1024 || !isLocalPath(value))
    return '/'
  let url: URL
  try {
    url = new URL(value, publicOrigin)
  }
  catch {
    return '/'
  }
  if (url.origin !== publicOrigin || !isLocalPath(url.pathname) || /^\/(?:auth|api)\//.test(url.pathname))
    return '/'
  url.searchParams.delete('code')
  url.searchParams.delete('state')
  return url.pathname + url.search + url.hash
}

function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !/[\\\s]/.test(path)
}
