// JSAPI 支付授权目录 (protocol §6.2): the page that calls getBrandWCPayRequest must lie in a
// directory registered in the merchant console, else the client says "当前页面的URL未注册".
// WeChat Pay's rule (JSAPI doc, 支付授权目录校验规则 — not copied into protocol.md):
//   1. a site root (https://www.weixin.com/) checks only the origin, any page below it passes;
//   2. a deeper directory (https://www.weixin.com/abc/123/) must equal the page's own directory
//      exactly: neither /abc/ nor /abc/123/pay/ pages pass.
// The page URL is the one the client checks: iOS the landing URL, Android the current one (§3.2).

export type DirectoryCheck = { ok: true } | { ok: false, reason: string }

/** The page's directory: origin + path up to and including its last "/" (query and #hash dropped). */
export function pageDirectory(pageUrl: string): string | undefined {
  try {
    const u = new URL(pageUrl)
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      return undefined
    return `${u.origin}${u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1)}`
  }
  catch {
    return undefined
  }
}

/** `directories` are normalised by config.ts (origin + path ending in "/"). */
export function checkPayDirectory(pageUrl: string, directories: readonly string[]): DirectoryCheck {
  const dir = pageDirectory(pageUrl)
  if (!dir)
    return { ok: false, reason: `当前页面的URL未注册：${pageUrl} 不是 http(s) 页面` }
  const allowed = directories.some(d => new URL(d).pathname === '/' ? dir.startsWith(d) : dir === d)
  if (allowed)
    return { ok: true }
  const list = directories.length > 0 ? directories.join('、') : '（未配置）'
  return { ok: false, reason: `当前页面的URL未注册：页面目录 ${dir} 不在支付授权目录 ${list} 中（根目录之外须与页面目录完全一致）` }
}
