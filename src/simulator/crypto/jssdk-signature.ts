// JS-SDK signature (附录1, protocol §3.1):
// sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"), raw values, no URL-encoding,
// lower-case hex; url without the #fragment.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#62
import { createHash } from 'node:crypto'

export function jssdkSignature(p: { ticket: string, nonceStr: string, timestamp: string, url: string }): string {
  const string1 = `jsapi_ticket=${p.ticket}&noncestr=${p.nonceStr}&timestamp=${p.timestamp}&url=${p.url}`
  return createHash('sha1').update(string1, 'utf8').digest('hex')
}

/** The URL as WeChat signs it: everything before the first '#'. */
export function stripHash(url: string): string {
  const i = url.indexOf('#')
  return i === -1 ? url : url.slice(0, i)
}
