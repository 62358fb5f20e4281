// getBrandWCPayRequest (wx.chooseWXPay): JSAPI调起支付.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791857 (protocol.md §4.5, §6.2)
import type { Handler } from './handler-context'
import type { PayCheckRequest } from './sim-client'
import type { BridgeArgs } from './types'
import { fail, isNonEmptyString, ok, stripHash } from './handler-context'

const P = 'get_brand_wcpay_request'

/**
 * Exact field names the client reads. `timeStamp` has a capital S here although wx.* uses
 * `timestamp` everywhere else (§4.5): the SDK renames it, so a payload with lower-case
 * `timestamp` means a direct bridge call got it wrong, and `timeStamp: "undefined"` means the
 * app passed `timeStamp` to wx.chooseWXPay. Both are classic bugs and must fail.
 */
const FIELDS = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'] as const

function readPayArgs(args: BridgeArgs): Omit<PayCheckRequest, 'pageUrl'> | string {
  const missing = FIELDS.filter(f => !isNonEmptyString(args[f]))
  if (missing.length > 0)
    return `missing ${missing.join(', ')}${'timestamp' in args && !('timeStamp' in args) ? ' (got lower-case timestamp)' : ''}`
  const req = Object.fromEntries(FIELDS.map(f => [f, String(args[f])])) as unknown as Omit<PayCheckRequest, 'pageUrl'>
  // Seconds as a decimal string (§6.2); "undefined" is the wx.chooseWXPay({timeStamp}) bug.
  if (!/^\d+$/.test(req.timeStamp))
    return `timeStamp must be seconds as a string of digits, got ${req.timeStamp}`
  if (!req.package.startsWith('prepay_id='))
    return `package must be "prepay_id=…", got ${req.package}`
  return req
}

export const getBrandWCPayRequest: Handler = async (args, ctx) => {
  const { state } = ctx
  const req = readPayArgs(args)
  if (typeof req === 'string')
    return fail(`${P}:fail`, req)
  // The client shows one pay sheet at a time; a double tap must not start a second payment.
  if (state.payInProgress)
    return fail(`${P}:fail`, 'another payment sheet is already open')

  state.payInProgress = true
  try {
    // §6.2 支付授权目录, checked on the URL the client knows the page by (§3.2, Tencent/weui#580):
    // on iOS the landing URL even after history.pushState, on Android the current one.
    const pageUrl = state.device === 'ios' ? state.landingUrl : stripHash(ctx.win.location.href)
    const check = await ctx.client.payCheck({ ...req, pageUrl })
    if (!check.ok)
      return fail(`${P}:fail`, check.reason ?? check.err_msg)
    const choice = await ctx.ui.showPaySheet(check.order)
    if (choice === 'cancel')
      return { reply: { err_msg: `${P}:cancel` }, reason: 'user tapped 取消' }
    const prepayId = req.package.slice('prepay_id='.length)
    const confirmed = await ctx.client.payConfirm(prepayId)
    return confirmed.ok ? ok(`${P}:ok`) : fail(`${P}:fail`, confirmed.reason ?? 'pay/confirm refused')
  }
  catch (err) {
    return fail(`${P}:fail`, `simulator unreachable: ${String(err)}`)
  }
  finally {
    state.payInProgress = false
  }
}
