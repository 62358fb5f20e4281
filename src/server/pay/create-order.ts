// POST /api/orders behind the route: pick the price, then reuse or create the one
// payable order for this reader and thing, with a prepay at WeChat Pay.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791897 (JSAPI下单)
import type { CreateOrderBody, PayParams } from '../../shared/schemas/orders.ts'
import type { Db } from '../db/database.ts'
import type { ProductRow } from '../db/queries/catalogue.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { User } from '../db/queries/users.ts'
import type { PayContext } from './context.ts'
import { recordServerEventSafely } from '../analytics/server-events.ts'
import { randomAlnum } from '../auth/tokens.ts'
import { findVisibleArticleMeta } from '../db/queries/articles.ts'
import { findProduct } from '../db/queries/catalogue.ts'
import { isEntitled, ownsSeries } from '../db/queries/entitlements.ts'
import { findPendingOrder, insertOrder, listPendingMemberships } from '../db/queries/orders.ts'
import { findSeries } from '../db/queries/series.ts'
import { ApiError } from '../http/api-error.ts'
import { toCstRfc3339 } from './apiv3/cst-time.ts'
import { jsapiPayParams } from './apiv3/pay-sign.ts'
import { ORDER_TTL_MS, REUSE_MARGIN_MS, upstreamUnavailable } from './context.ts'
import { nextSyncAt } from './reconcile-job.ts'
import { closeUnpaid } from './sync-order.ts'

const DESCRIPTION_MAX = 127

interface Plan {
  product: ProductRow
  articleId: string | null
  seriesId?: string
  amountFen: number
  description: string
}

export interface CreatedOrder {
  order: OrderRow
  reused: boolean
  pay: PayParams
}

export async function createOrder(ctx: PayContext, user: User, body: CreateOrderBody): Promise<CreatedOrder> {
  if (user.isSnapshot)
    throw new ApiError(403, 'SNAPSHOT_USER', 'Snapshot-mode visitors cannot pay; open the page in WeChat and sign in first')
  const plan = await planOrder(ctx.db, body, new Date(ctx.now()))
  // A named lock, not a transaction: a concurrent double tap waits here and then finds
  // this order, while no database connection or row lock is held across WeChat Pay calls.
  const result = await ctx.withLock(`order:${user.id}`, () => placeOrder(ctx, user, plan))
  // A fresh paySign each time is fine: it signs the same prepay_id.
  const pay = jsapiPayParams({ appId: ctx.appId, prepayId: result.order.prepayId, privateKeyPem: ctx.pay.privateKeyPem, nowSeconds: Math.floor(Date.now() / 1000) })
  return { ...result, pay }
}

const alreadyEntitled = () => new ApiError(409, 'ALREADY_ENTITLED', 'You can already read this article')

/** Under the reader's lock: reuse the payable order, or close what it replaces and prepay a new one. */
async function placeOrder(ctx: PayContext, user: User, plan: Plan): Promise<Omit<CreatedOrder, 'pay'>> {
  const { db } = ctx
  const now = ctx.now()
  const entitled = async () => (plan.product.kind === 'unlock' && isEntitled(db, user.id, plan.articleId!, new Date(now)))
    || (plan.product.kind === 'series' && ownsSeries(db, user.id, plan.seriesId!))
  const pending = await findPendingOrder(db, user.id, plan.product.id, plan.articleId)
  if (await entitled()) {
    // A member (or an earlier unlock) must not be handed a payable unlock; end the stale one quietly.
    if (pending)
      await closeUnpaid(ctx, pending).catch(e => ctx.log.warn({ orderId: pending.id, err: (e as Error).message }, 'could not close an unneeded order'))
    throw alreadyEntitled()
  }
  const reusable = pending && pending.amountFen === plan.amountFen && pending.expiresAt.getTime() - now > REUSE_MARGIN_MS
  // Whatever is replaced must not stay payable: this thing's old order (too close to
  // expiry, or another amount) and, for a membership, any other tier's pending order.
  const others = plan.product.kind === 'membership' ? (await listPendingMemberships(db, user.id)).filter(o => o.id !== pending?.id) : []
  const replaced = reusable || !pending ? others : [...others, pending]
  const paid: OrderRow[] = []
  for (const old of replaced) {
    try {
      if (await closeUnpaid(ctx, old) === 'paid')
        paid.push(old)
    }
    catch (e) {
      throw upstreamUnavailable(e, ctx.log, 'close')
    }
  }
  if (paid.length > 0) {
    // The reader paid it meanwhile (its notification had not arrived): never take a second payment unasked.
    if (await entitled())
      throw alreadyEntitled()
    throw new ApiError(409, 'ALREADY_PAID', `Order ${paid[0]!.id} has just been paid; no new order was created`)
  }
  if (reusable)
    return { order: pending, reused: true }
  const outTradeNo = newOutTradeNo(now)
  const expiresAt = now + ORDER_TTL_MS
  let prepayId: string
  try {
    prepayId = await ctx.client.prepay({ description: plan.description, outTradeNo, amountFen: plan.amountFen, openid: user.openid, timeExpire: toCstRfc3339(expiresAt) })
  }
  catch (e) {
    throw upstreamUnavailable(e, ctx.log, 'prepay')
  }
  const order = await insertOrder(db, {
    outTradeNo,
    userId: user.id,
    productId: plan.product.id,
    kind: plan.product.kind,
    articleId: plan.articleId,
    seriesId: plan.seriesId ?? null,
    description: plan.description,
    amountFen: plan.amountFen,
    durationDays: plan.product.durationDays,
    prepayId,
    expiresAt: new Date(expiresAt),
    createdAt: new Date(now),
    nextSyncAt: nextSyncAt({ createdAt: new Date(now), expiresAt: new Date(expiresAt) }, now),
  })
  await recordServerEventSafely(db, { type: 'order_created', userId: user.id, articleId: order.articleId, productId: order.productId, productKind: order.kind, amountFen: order.amountFen, details: { orderId: order.id }, at: now }, ctx.log)
  return { order, reused: false }
}

/** Validates the request against the catalogue; prices come only from here. */
async function planOrder(db: Db, body: CreateOrderBody, now: Date): Promise<Plan> {
  const product = await findProduct(db, body.productId)
  if (!product || !product.active)
    throw new ApiError(404, 'PRODUCT_NOT_FOUND', 'This product is not on sale')
  if (product.kind === 'membership')
    return { product, articleId: null, amountFen: product.priceFen!, description: clip(`会员·${product.title}`) }
  if (product.kind === 'series') {
    // Only a published series is for sale; its parts (present and future) come with it.
    const bought = product.seriesId ? await findSeries(db, product.seriesId) : null
    if (!bought || bought.status !== 'published')
      throw new ApiError(404, 'PRODUCT_NOT_FOUND', 'This product is not on sale')
    return { product, articleId: null, seriesId: bought.id, amountFen: product.priceFen!, description: clip(`系列·${bought.title}`) }
  }

  if (!body.articleId)
    throw new ApiError(400, 'ARTICLE_REQUIRED', 'articleId is required for this product')
  const article = await findVisibleArticleMeta(db, body.articleId, now)
  if (!article)
    throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
  if (product.kind === 'unlock') {
    if (product.articleId !== article.id)
      throw new ApiError(400, 'ARTICLE_MISMATCH', 'This product unlocks another article')
    return { product, articleId: article.id, amountFen: product.priceFen!, description: clip(`解锁·${article.title}`) }
  }
  if (body.amountFen === undefined)
    throw new ApiError(400, 'AMOUNT_REQUIRED', 'amountFen is required for a tip')
  const min = product.tipMinFen!
  const max = product.tipMaxFen!
  if (body.amountFen < min || body.amountFen > max)
    throw new ApiError(400, 'AMOUNT_OUT_OF_RANGE', `A tip must be between ${min} and ${max} fen`)
  return { product, articleId: article.id, amountFen: body.amountFen, description: clip(`赞赏·${article.title}`) }
}

/** WeChat Pay counts characters, not bytes: ≤127. */
function clip(s: string): string {
  const chars = [...s]
  return chars.length <= DESCRIPTION_MAX ? s : `${chars.slice(0, DESCRIPTION_MAX - 1).join('')}…`
}

/** 6–32 of [0-9A-Za-z_-|*]: here a date for people reading statements, then 18 random characters. */
export function newOutTradeNo(now: number): string {
  return `${toCstRfc3339(now).slice(0, 10).replace(/-/g, '')}${randomAlnum(18)}`
}
