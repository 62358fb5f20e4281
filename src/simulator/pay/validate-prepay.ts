// Body rules of JSAPI下单 POST /v3/pay/transactions/jsapi (protocol §6.1).
// https://pay.weixin.qq.com/doc/v3/merchant/4012791897
import type { ResolvedConfig } from '../config.ts'
import type { PayErrorDetail } from '../http/pay-error.ts'
import type { OrderRequest } from '../state/orders.ts'
import { personaByOpenid } from '../openid.ts'
import { checkNotifyUrl } from './notify-url.ts'

export type PrepayValidation = { ok: true, order: OrderRequest } | { ok: false, message: string, detail: PayErrorDetail }

export const OUT_TRADE_NO = /^[\w\-|*]{6,32}$/
// RFC 3339 as the doc writes it: yyyy-MM-DDTHH:mm:ss+08:00.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?[+-]\d{2}:\d{2}$/

function fail(field: string, value: unknown, issue: string): PrepayValidation {
  return { ok: false, message: `${field.slice(1)}: ${issue}`, detail: { field, value, issue, location: 'body' } }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function validatePrepay(b: Record<string, unknown>, headerMchid: string, config: ResolvedConfig): PrepayValidation {
  const str = (k: string): string | undefined => typeof b[k] === 'string' ? b[k] : undefined
  for (const k of ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url']) {
    if (b[k] === undefined)
      return fail(`/${k}`, undefined, `缺少参数 ${k}`)
    if (typeof b[k] !== 'string' || b[k] === '')
      return fail(`/${k}`, b[k], `${k} 必须是非空字符串`)
  }
  const appid = str('appid')!
  const mchid = str('mchid')!
  if (appid.length > 32)
    return fail('/appid', appid, 'appid 长度不能超过 32')
  if (mchid !== headerMchid || mchid !== config.mchId)
    return fail('/mchid', mchid, 'mchid 与请求头 Authorization 中的商户号不一致')
  if (appid !== config.appId)
    return fail('/appid', appid, 'appid和mch_id不匹配，请检查后再试')
  const description = str('description')!
  if ([...description].length > 127)
    return fail('/description', description, 'description 长度不能超过 127 个字符')
  const outTradeNo = str('out_trade_no')!
  if (!OUT_TRADE_NO.test(outTradeNo))
    return fail('/out_trade_no', outTradeNo, 'out_trade_no 须为 6-32 位数字、大小写字母或 _-|* 字符')
  const notifyUrl = str('notify_url')!
  const urlIssue = checkNotifyUrl(notifyUrl, config.allowHttpNotifyLoopback)
  if (urlIssue)
    return fail('/notify_url', notifyUrl, urlIssue)
  if (b.time_expire !== undefined && (typeof b.time_expire !== 'string' || !RFC3339.test(b.time_expire) || Number.isNaN(Date.parse(b.time_expire))))
    return fail('/time_expire', b.time_expire, 'time_expire 须为 RFC3339 格式，如 2018-06-08T10:34:56+08:00')
  if (b.attach !== undefined && (typeof b.attach !== 'string' || [...b.attach].length > 128))
    return fail('/attach', b.attach, 'attach 须为不超过 128 个字符的字符串')
  if (b.goods_tag !== undefined && (typeof b.goods_tag !== 'string' || b.goods_tag.length > 32))
    return fail('/goods_tag', b.goods_tag, 'goods_tag 须为不超过 32 个字符的字符串')
  if (b.support_fapiao !== undefined && typeof b.support_fapiao !== 'boolean')
    return fail('/support_fapiao', b.support_fapiao, 'support_fapiao 须为布尔值')
  for (const k of ['detail', 'scene_info', 'settle_info']) {
    if (b[k] !== undefined && !isObject(b[k]))
      return fail(`/${k}`, b[k], `${k} 须为对象`)
  }
  const amount = b.amount
  if (!isObject(amount))
    return fail('/amount', amount, '缺少参数 amount')
  // In fen: an integer, never a yuan amount like 0.01 or a string "1".
  if (typeof amount.total !== 'number' || !Number.isInteger(amount.total) || amount.total <= 0)
    return fail('/amount/total', amount.total, 'amount.total 须为大于 0 的整数（单位：分）')
  if (amount.currency !== undefined && amount.currency !== 'CNY')
    return fail('/amount/currency', amount.currency, 'currency 只支持 CNY')
  const payer = b.payer
  if (!isObject(payer) || typeof payer.openid !== 'string' || payer.openid === '')
    return fail('/payer/openid', isObject(payer) ? payer.openid : undefined, '缺少参数 payer.openid')
  if (!personaByOpenid(appid, payer.openid))
    return fail('/payer/openid', payer.openid, 'openid 不属于该 appid（用户需在本公众号下授权获得 openid）')
  return {
    ok: true,
    order: {
      appid,
      mchid,
      description,
      outTradeNo,
      notifyUrl,
      total: amount.total,
      currency: 'CNY',
      openid: payer.openid,
      attach: str('attach'),
      timeExpire: str('time_expire'),
      goodsTag: str('goods_tag'),
    },
  }
}
