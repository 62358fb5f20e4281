// Server side of the browser bridge emulator (src/simulator/bridge/): the checks the
// WeChat client makes with WeChat's servers for wx.config and chooseWXPay.
// The bridge calls these with credentials (CORS: http/common-hooks.ts), so the simulator sees
// this browser's wxsim_bid cookie and knows whether it signed in as the snapshot persona.
import type { FastifyPluginAsync } from 'fastify'
import type { SimContext, SimPluginOptions } from '../context.ts'
import type { Order } from '../state/orders.ts'
import { toCstRfc3339 } from '../clock.ts'
import { jssdkSignature, stripHash } from '../crypto/jssdk-signature.ts'
import { verifyPaySign } from '../crypto/pay-sign.ts'
import { parseJsonObject, rawBodyOf } from '../http/body.ts'
import { BROWSER_COOKIE, cookie } from '../http/cookies.ts'
import { newNotifyId, randomString } from '../ids.ts'
import { checkPayDirectory } from '../pay/pay-directory.ts'
import { transactionView } from '../pay/transaction-view.ts'

const PAY_FAIL = 'get_brand_wcpay_request:fail'
/**
 * §1.1: on a snapshot page the JS-SDK is unusable. What the real client answers is undocumented
 * (§8.1); the SDK turns this into wx.error({errMsg: 'config:snapshot page'}) (§4.6). Assumption.
 */
export const SNAPSHOT_FAIL = 'preVerifyJSAPI:fail_snapshot page'
const str = (v: unknown): v is string => typeof v === 'string' && v !== ''

function body(raw: string): Record<string, unknown> {
  const b = parseJsonObject(raw)
  return b.ok ? b.value : {}
}

type OrderCheck = { ok: true, order: Order } | { ok: false, reason: string }

/** prepay_id known, unexpired and the order still payable (§6.1: valid 2 h; closed orders cannot be paid). */
function payableOrder(ctx: SimContext, prepayId: string): OrderCheck {
  const order = ctx.state.orders.byPrepayId(prepayId)
  if (!order)
    return { ok: false, reason: `prepay_id ${prepayId} 不存在` }
  const now = ctx.clock.now()
  if (order.prepayId !== prepayId || order.prepayExpiresAt <= now)
    return { ok: false, reason: 'prepay_id 已过期（有效期 2 小时），请重新下单' }
  if (order.state === 'CLOSED')
    return { ok: false, reason: '订单已关闭' }
  if (order.state !== 'NOTPAY')
    return { ok: false, reason: '订单已支付' }
  if (order.timeExpire && Date.parse(order.timeExpire) <= now)
    return { ok: false, reason: '订单已过支付截止时间 time_expire' }
  return { ok: true, order }
}

export const bridgeRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  // wx.config → preVerifyJSAPI (protocol §3.1, §3.2, §4.3).
  // Which phone this browser last chose on the consent page; the bridge switches its persona to it.
  app.get('/__sim/bridge/device', async (request) => {
    const last = ctx.state.browsers.deviceOf(cookie(request, BROWSER_COOKIE))
    return last ?? {}
  })

  app.post('/__sim/bridge/preverify', async (request) => {
    const b = body(rawBodyOf(request))
    // First: on a snapshot page no config succeeds, however well signed. No cookie (blocked,
    // cross-site page) counts as an ordinary browser, so the bridge keeps working.
    if (ctx.state.browsers.isSnapshot(cookie(request, BROWSER_COOKIE)))
      return { err_msg: SNAPSHOT_FAIL, signedUrl: typeof b.url === 'string' ? stripHash(b.url) : undefined, reason: '快照页中 JS-SDK 不可用：此浏览器最近以「快照页虚拟用户」授权（is_snapshotuser=1），请以其他身份重新授权' }
    const ts = typeof b.timestamp === 'number' ? String(b.timestamp) : b.timestamp
    if (!str(b.appId) || !str(b.url) || !str(ts) || !str(b.nonceStr) || !str(b.signature) || !Array.isArray(b.jsApiList))
      return { err_msg: 'preVerifyJSAPI:fail', reason: 'wx.config 参数不完整：appId、timestamp、nonceStr、signature、jsApiList 均为必填' }
    const signedUrl = stripHash(b.url)
    let host: string
    try {
      const u = new URL(signedUrl)
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new Error('scheme')
      host = u.host.toLowerCase()
    }
    catch {
      return { err_msg: 'preVerifyJSAPI:fail_invalid url domain', signedUrl, reason: `页面 URL 无效：${signedUrl}` }
    }
    if (!ctx.config.jsSafeDomains.includes(host))
      return { err_msg: 'preVerifyJSAPI:fail_invalid url domain', signedUrl, reason: `${host} 不是配置的 JS 接口安全域名（${ctx.config.jsSafeDomains.join('、')}）` }
    // 附录5: the appId must be the one that obtained the jsapi_ticket, else "invalid signature".
    if (b.appId !== ctx.config.appId)
      return { err_msg: 'preVerifyJSAPI:fail_invalid signature', signedUrl, reason: `appId ${b.appId} 与获取 jsapi_ticket 的公众号不一致` }
    // Only the CURRENT ticket counts (state/tickets.ts): an expired one never verifies again.
    const current = ctx.state.tickets.currentJsapi(ctx.config.appId)
    if (!('ticket' in current)) {
      const why = current.expired ? '当前 jsapi_ticket 已过期（有效期 7200 秒），请重新调用 getticket 获取新 ticket 后重新签名' : '尚未获取过 jsapi_ticket（请先调用 getticket）'
      return { err_msg: 'preVerifyJSAPI:fail_invalid signature', signedUrl, reason: why }
    }
    const ok = jssdkSignature({ ticket: current.ticket, nonceStr: b.nonceStr as string, timestamp: ts, url: signedUrl }) === b.signature
    return ok
      ? { err_msg: 'preVerifyJSAPI:ok', signedUrl, reason: '签名正确' }
      : { err_msg: 'preVerifyJSAPI:fail_invalid signature', signedUrl, reason: `签名不匹配：按 ${signedUrl}、当前的 jsapi_ticket（getticket 有效期内返回同一个）、noncestr、timestamp 计算的 sha1 与 signature 不一致` }
  })

  // chooseWXPay → getBrandWCPayRequest (protocol §6.2).
  app.post('/__sim/bridge/pay/check', async (request) => {
    const b = body(rawBodyOf(request))
    const fail = (reason: string) => ({ ok: false, err_msg: PAY_FAIL, reason })
    for (const k of ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign']) {
      // timeStamp must be a string (iOS rejects numbers), like every other field.
      if (!str(b[k]))
        return fail(`支付参数 ${k} 缺失或不是字符串`)
    }
    // §6.2, §3.2: the page (iOS: landing URL, Android: current URL) must lie in a 支付授权目录.
    // The bridge always sends it; a caller that does not is refused like an unregistered page.
    if (!str(b.pageUrl))
      return fail('当前页面的URL未注册：请求缺少 pageUrl（客户端校验支付授权目录所用的页面 URL）')
    const dir = checkPayDirectory(b.pageUrl, ctx.config.payDirectories)
    if (!dir.ok)
      return fail(dir.reason)
    const p = b as Record<'appId' | 'timeStamp' | 'nonceStr' | 'package' | 'signType' | 'paySign', string>
    if (!/^\d{1,12}$/.test(p.timeStamp))
      return fail('timeStamp 须为秒级时间戳字符串')
    if (p.nonceStr.length > 32)
      return fail('nonceStr 不能超过 32 个字符')
    if (p.signType !== 'RSA')
      return fail(`APIv3 的 signType 须为 RSA，收到 ${p.signType}`)
    const m = /^prepay_id=(\S+)$/.exec(p.package)
    if (!m)
      return fail('package 须为 prepay_id=…')
    const check = payableOrder(ctx, m[1]!)
    if (!check.ok)
      return fail(check.reason)
    if (check.order.appid !== p.appId)
      return fail(`appId ${p.appId} 与下单时的 appid ${check.order.appid} 不一致`)
    if (!verifyPaySign(p, ctx.config.merchantPublicKeyPem))
      return fail('paySign 验签失败：须用商户私钥对 appId\\ntimeStamp\\nnonceStr\\npackage\\n 做 SHA256withRSA')
    const o = check.order
    return { ok: true, order: { description: o.description, total: o.total, merchantName: ctx.config.merchantName, outTradeNo: o.outTradeNo } }
  })

  // The user entered the password: the order is paid and WeChat notifies the merchant (§6.5).
  app.post('/__sim/bridge/pay/confirm', async (request, reply) => {
    const b = body(rawBodyOf(request))
    if (!str(b.prepayId))
      return reply.code(400).send({ ok: false, err_msg: PAY_FAIL, reason: 'prepayId 缺失' })
    const check = payableOrder(ctx, b.prepayId)
    if (!check.ok)
      return { ok: false, err_msg: PAY_FAIL, reason: check.reason }
    payOrder(ctx, check.order)
    return { ok: true }
  })
}

export function payOrder(ctx: SimContext, order: Order): void {
  const successTime = toCstRfc3339(ctx.clock.now())
  ctx.state.orders.markPaid(order, successTime)
  ctx.notifier.send({
    url: order.notifyUrl,
    log: order.deliveries,
    event: {
      id: newNotifyId(),
      createTime: successTime,
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      plaintext: JSON.stringify(transactionView(order)),
      nonce: randomString(12),
    },
  })
}
