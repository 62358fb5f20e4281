/**
 * WeChat's userinfo may give `headimgurl` as http:// on its avatar CDN (thirdwx.qlogo.cn,
 * wx.qlogo.cn), which serves the same path over https. Pages allow only https images
 * (plugins/external/security.ts), so avatars are stored as https; anything else that is
 * not https is dropped rather than shown as a broken image.
 */
export function httpsAvatarUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '')
    return url
  let parsed: URL
  try {
    parsed = new URL(url)
  }
  catch {
    return ''
  }
  if (parsed.protocol === 'https:')
    return parsed.toString()
  if (parsed.protocol === 'http:' && /(?:^|\.)qlogo\.cn$/.test(parsed.hostname)) {
    parsed.protocol = 'https:'
    return parsed.toString()
  }
  return ''
}
