// errcode/errmsg replies of the Official Account APIs (protocol §1.6, §2.1).
// WeChat answers HTTP 200 with {errcode, errmsg}; errmsg carries a ` rid: …` suffix,
// so clients must key on errcode and only prefix-match errmsg.
import { newRid } from '../ids.ts'

export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40030: 'invalid refresh_token',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41003: 'refresh_token missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  41009: 'missing openid',
  42001: 'access_token expired',
  42002: 'refresh_token expired',
  42003: 'code expired',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
  47003: 'argument invalid!',
  48001: 'api unauthorized',
}

export interface WxError { errcode: number, errmsg: string }

export function wxError(errcode: number, errmsg?: string): WxError {
  return { errcode, errmsg: `${errmsg ?? ERRMSG[errcode] ?? 'system error'} rid: ${newRid()}` }
}

/** 40164 wording observed on the wire (protocol §2.1). */
export function ipNotWhitelisted(ip: string): WxError {
  const v4 = ip.replace(/^::ffff:/, '')
  return wxError(40164, `invalid ip ${v4} ipv6 ::ffff:${v4}, not in whitelist`)
}
