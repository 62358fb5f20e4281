// A WeChat Pay notification as the kit acts on it: verified, decrypted and sorted by kind.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791836 (支付成功回调) · 4012791865 (退款结果通知)
import type { NotificationEnvelope, RefundNotice, Transaction } from './apiv3/types.ts'
import type { PayContext } from './context.ts'
import { openNotification } from './apiv3/notification.ts'
import { wechatpayHeaders } from './apiv3/wechatpay-signature.ts'

export type PayNotification
  = | { kind: 'transaction', envelope: NotificationEnvelope, transaction: Transaction }
    | { kind: 'refund', envelope: NotificationEnvelope, notice: RefundNotice }
    /** Verified, just of a kind the kit does not act on (e.g. TRANSACTION.CLOSED). */
    | { kind: 'other', envelope: NotificationEnvelope }

export type OpenedNotification
  = | { ok: true, event: PayNotification }
    | { ok: false, status: 400 | 401, message: string }

/**
 * Verifies the raw bytes against the platform keys, decrypts the resource with the APIv3 key
 * and types it by `event_type`. `header` reads one request header; a header sent twice must
 * come back undefined (never guess which copy counts).
 */
export function openPayNotification(ctx: PayContext, rawBody: string, header: (name: string) => string | undefined): OpenedNotification {
  // Signature freshness is transport time, not business time: the wall clock, always.
  const opened = openNotification(rawBody, wechatpayHeaders(header), ctx.pay.platformKeys, ctx.pay.apiV3Key, Math.floor(Date.now() / 1000))
  if (!opened.ok)
    return opened
  const { envelope, resource } = opened
  // The resource shapes are WeChat Pay's documented ones; their fields are checked where used.
  if (envelope.event_type.startsWith('REFUND.'))
    return { ok: true, event: { kind: 'refund', envelope, notice: resource as RefundNotice } }
  if (envelope.event_type === 'TRANSACTION.SUCCESS')
    return { ok: true, event: { kind: 'transaction', envelope, transaction: resource as unknown as Transaction } }
  return { ok: true, event: { kind: 'other', envelope } }
}
