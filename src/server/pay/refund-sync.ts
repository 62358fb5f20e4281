// Settling refunds: REFUND.* notifications (退款结果通知) and the refund query (查询单笔退款)
// both end in applyRefundOutcome, which counts a SUCCESS exactly once.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791863 (查询单笔退款) · 4012791865 (退款结果通知)
import type { RefundOutcome, RefundRow } from '../db/queries/refunds.ts'
import type { RefundNotice, RefundResult } from './apiv3/types.ts'
import type { PayContext } from './context.ts'
import { findOrder } from '../db/queries/orders.ts'
import { applyRefundOutcome, claimRefundSync, findRefundByOutRefundNo, listDueRefunds } from '../db/queries/refunds.ts'

const MINUTE = 60_000

/** WeChat Pay's answer as the outcome the kit records. */
export function outcomeOf(answer: Pick<RefundResult, 'status' | 'refund_id' | 'success_time'>): RefundOutcome {
  const successAt = answer.success_time ? Date.parse(answer.success_time) : Number.NaN
  return {
    status: answer.status,
    refundId: typeof answer.refund_id === 'string' && answer.refund_id !== '' ? answer.refund_id : undefined,
    succeededAt: Number.isNaN(successAt) ? undefined : new Date(successAt),
  }
}

/**
 * When to ask again about an unsettled refund. Most settle within minutes (to 零钱) or a
 * few days (to a bank card); ABNORMAL ones wait for the merchant's 异常退款 handling.
 */
export function nextRefundSyncAt(refund: Pick<RefundRow, 'createdAt' | 'status'>, now: number): Date {
  if (refund.status === 'ABNORMAL')
    return new Date(now + 360 * MINUTE)
  const age = now - refund.createdAt.getTime()
  return new Date(now + (age < 10 * MINUTE ? MINUTE : age < 3600_000 ? 5 * MINUTE : 60 * MINUTE))
}

/** Asks WeChat Pay about one refund and records the answer. */
export async function syncRefund(ctx: PayContext, refund: RefundRow): Promise<RefundRow> {
  const answer = await ctx.client.queryRefund(refund.outRefundNo)
  const now = new Date(ctx.now())
  // No such refund at WeChat Pay: the request never arrived, so no money moved.
  if (!answer)
    return applyRefundOutcome(ctx.db, refund.id, { status: 'CLOSED' }, now)
  return applyRefundOutcome(ctx.db, refund.id, outcomeOf(answer), now)
}

export interface RefundReconcileResult { checked: number, succeeded: number, closed: number, abnormal: number }

/** The reconciliation job's refund half: unsettled refunds whose next check has come. */
export async function reconcileRefunds(ctx: PayContext, limit = 100): Promise<RefundReconcileResult> {
  const now = ctx.now()
  const result: RefundReconcileResult = { checked: 0, succeeded: 0, closed: 0, abnormal: 0 }
  for (const refund of await listDueRefunds(ctx.db, new Date(now), limit)) {
    if (!await claimRefundSync(ctx.db, refund, nextRefundSyncAt(refund, now)))
      continue
    result.checked++
    let after: RefundRow
    try {
      after = await syncRefund(ctx, refund)
    }
    catch (err) {
      ctx.log.warn({ err, refundRowId: refund.id }, 'WeChat Pay refund query failed; will ask again')
      continue
    }
    if (after.status === 'SUCCESS')
      result.succeeded++
    else if (after.status === 'CLOSED')
      result.closed++
    else if (after.status === 'ABNORMAL')
      result.abnormal++
  }
  return result
}

export type RefundNoticeResult
  = | { outcome: 'applied', refund: RefundRow }
    | { outcome: 'unknown_refund' }
    | { outcome: 'mismatch', reason: string }

const NOTICE_STATUSES = new Set(['SUCCESS', 'CLOSED', 'ABNORMAL'])

/**
 * A verified and decrypted REFUND.* notification: checked against the refund we asked
 * for (merchant, order, amount) before its status is recorded.
 */
export async function applyRefundNotice(ctx: PayContext, notice: RefundNotice): Promise<RefundNoticeResult> {
  if (notice.mchid !== ctx.pay.mchId)
    return { outcome: 'mismatch', reason: `mchid ${String(notice.mchid)} is not ours` }
  if (typeof notice.out_refund_no !== 'string')
    return { outcome: 'mismatch', reason: 'no out_refund_no' }
  if (typeof notice.refund_status !== 'string' || !NOTICE_STATUSES.has(notice.refund_status))
    return { outcome: 'mismatch', reason: `refund_status ${String(notice.refund_status)} is not SUCCESS, CLOSED or ABNORMAL` }
  const refund = await findRefundByOutRefundNo(ctx.db, notice.out_refund_no)
  if (!refund)
    return { outcome: 'unknown_refund' }
  const order = await findOrder(ctx.db, refund.orderId)
  if (!order || notice.out_trade_no !== order.outTradeNo)
    return { outcome: 'mismatch', reason: `refund ${refund.outRefundNo} is not for order ${String(notice.out_trade_no)}` }
  if (notice.amount?.refund !== refund.amountFen || notice.amount?.total !== order.amountFen)
    return { outcome: 'mismatch', reason: `amount ${String(notice.amount?.refund)}/${String(notice.amount?.total)} ≠ refund ${refund.amountFen} of ${order.amountFen} fen` }
  const outcome = outcomeOf({ status: notice.refund_status as RefundResult['status'], refund_id: notice.refund_id ?? '', success_time: notice.success_time })
  return { outcome: 'applied', refund: await applyRefundOutcome(ctx.db, refund.id, outcome, new Date(ctx.now())) }
}
