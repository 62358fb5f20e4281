import type { Channel } from '@shared/schemas/analytics'

/**
 * Where this visit came from, read once from the landing URL: the operator's `ch=menu|article|qr`
 * (menu links, 阅读原文 links, QR codes), WeChat's `from=timeline` (Moments) or
 * `from=singlemessage|groupmessage` (a chat), a sharer code `sh`, a link in an account article
 * (mp.weixin.qq.com referrer); otherwise direct.
 */
export function landingChannel(url: string, referrer = ''): Channel {
  const query = new URL(url, 'http://x').searchParams
  const ch = query.get('ch')
  if (ch === 'menu' || ch === 'article' || ch === 'qr')
    return ch
  const from = query.get('from')
  if (from === 'timeline')
    return 'moments'
  if (from === 'singlemessage' || from === 'groupmessage')
    return 'chat'
  if (query.get('sh'))
    return 'share'
  if (/^https?:\/\/mp\.weixin\.qq\.com\//.test(referrer))
    return 'article'
  return 'direct'
}
