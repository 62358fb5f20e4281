import type { FastifyInstance } from 'fastify'
import type { CreateOrderBody } from '../../shared/schemas/orders.ts'
import type { AuditActor } from '../audit/audit-log.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { User } from '../db/queries/users.ts'
import type { RefundNotice, Transaction } from './apiv3/types.ts'
import type { PayContext } from './context.ts'
import type { RefundRequest } from './refund-order.ts'
import fp from 'fastify-plugin'
import { listRefunds } from '../db/queries/refunds.ts'
import { createPayClient } from './apiv3/client.ts'
import { createOrder } from './create-order.ts'
import { openPayNotification } from './notification-event.ts'
import { createOrderStatus } from './order-status.ts'
import { reconcilePending, startReconcileJob } from './reconcile-job.ts'
import { applyTransaction } from './record-payment.ts'
import { createPendingRecovery } from './recover-pending.ts'
import { refundOrder } from './refund-order.ts'
import { applyRefundNotice, reconcileRefunds, syncRefund } from './refund-sync.ts'
import { syncOrder } from './sync-order.ts'

export interface PayDeps {
  fetch: typeof fetch
  /** How often the reconciliation job runs; false disables it (tests call `reconcile()` directly). */
  reconcileIntervalMs?: number | false
}

function payService(ctx: PayContext) {
  const recovery = createPendingRecovery(ctx)
  const status = createOrderStatus(ctx)
  return {
    /** Asks WeChat Pay about the reader's payable orders (throttled, bounded wait); true if one turned out paid. */
    recoverPending: (userId: number) => recovery.recover(userId),
    drain: () => recovery.drain(),
    createOrder: (user: User, body: CreateOrderBody) => createOrder(ctx, user, body),
    syncOrder: (order: OrderRow) => syncOrder(ctx, order),
    /** For the SPA's polling: asks WeChat Pay about a pending order at most once every few seconds. */
    pollOrder: (order: OrderRow) => status.current(order),
    applyTransaction: (t: Transaction) => applyTransaction(ctx.db, ctx, t),
    reconcile: () => reconcilePending(ctx),
    refund: (orderId: number, request: RefundRequest, who: AuditActor) => refundOrder(ctx, orderId, request, who),
    /** Asks WeChat Pay about this order's unsettled refunds (the operator's order view). */
    syncRefunds: async (orderId: number) => {
      for (const r of await listRefunds(ctx.db, orderId)) {
        if (r.status === 'PROCESSING')
          await syncRefund(ctx, r)
      }
    },
    reconcileRefunds: () => reconcileRefunds(ctx),
    applyRefundNotice: (notice: RefundNotice) => applyRefundNotice(ctx, notice),
    /** Verifies and decrypts a notification POSTed by WeChat Pay into a typed event. */
    openNotification: (rawBody: string, header: (name: string) => string | undefined) => openPayNotification(ctx, rawBody, header),
  }
}
export type PayService = ReturnType<typeof payService>

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when WeChat Pay is not configured: pay endpoints answer 503 PAY_NOT_CONFIGURED. */
    pay: PayService | null
  }
}

/** Decorates `app.pay` and starts the reconciliation job (stopped when the app closes). */
export const payPlugin = fp<PayDeps>(async (app: FastifyInstance, deps) => {
  const pay = app.config.pay
  if (!pay) {
    app.decorate('pay', null)
    return
  }
  const ctx: PayContext = {
    db: app.database.db,
    withLock: app.database.withLock,
    pay,
    appId: app.config.wechat.appId,
    client: createPayClient({ pay, appId: app.config.wechat.appId, fetch: deps.fetch }),
    now: app.clock.now,
    log: app.log,
  }
  const service = payService(ctx)
  app.decorate('pay', service)
  app.addHook('onClose', () => service.drain())
  const interval = deps.reconcileIntervalMs ?? 60_000
  if (interval !== false) {
    const job = startReconcileJob(ctx, interval)
    app.addHook('onClose', () => job.stop())
  }
}, { name: 'pay', dependencies: ['clock'] })
