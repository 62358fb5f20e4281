// POST /api/orders behind the route: pick the price, then reuse or create the one
// payable order for this reader and thing, with a prepay at WeChat Pay.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791897 (JSAPI下单)
import type { CreateOrderBody } from '../../shared/schemas/orders.ts'
import type { Db } from '../db/database.ts'
import type { ProductRow } from '../db/queries/catalogue.ts'
import type { OrderRow } from '../db/queries/orders.ts'
import type { User } from '../db/queries/users.ts'
import type { JsapiPayParams } from './apiv3/pay-sign.ts'
import type { PayContext } from './context.ts'
import { sql } from 'drizzle-orm'
import { randomAlnum } from '../auth/tokens.ts'
import { findArticleMeta } from '../db/queries/articles.ts'
import { findProduct } from '../db/queries/catalogue.ts'
import { isEntitled } from '../db/queries/entitlements.ts'
import { findPendingOrder, insertOrder } from '../db/queries/orders.ts'
import { ApiError } from '../http/api-error.ts'
import { toCstRfc3339 } from './apiv3/cst-time.ts'
import { jsapiPayParams } from './apiv3/pay-sign.ts'
import { ORDER_TTL_MS, REUSE_MARGIN_MS, upstreamUnavailable } from './context.ts'
import { closeUnpaid } from './sync-order.ts'

/** Serialises order creation per user (second key), across every instance sharing the database. */
const ORDER_LOCK = 727_201
const DESCRIPTION_MAX = 127

interface Plan {
  product: ProductRow
  articleId: string | null
  amountFen: number
  description: string
}

export interface CreatedOrder {
  order: OrderRow
  reused: boolean
  pay: JsapiPayParams
}

export async function createOrder(ctx: PayContext, user: User, body: CreateOrderBody): Promise<CreatedOrder> {
  if (user.isSnapshot)
    throw new ApiError(403, 'SNAPSHOT_USER', 'Snapshot-mode visitors cannot pay; open the page in WeChat and sign in first')
  const plan = await planOrder(ctx.db, body)
  const now = ctx.now()
  const result = await ctx.db.transaction(async (tx) => {
    // Held across the prepay call: a concurrent double tap waits here, then finds this order.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ORDER_LOCK}::int, ${user.id % 2_147_483_647}::int)`)
    const pending = await findPendingOrder(tx, user.id, plan.product.id, plan.articleId)
    if (pending && pending.amountFen === plan.amountFen && pending.expiresAt.getTime() - now > REUSE_MARGIN_MS)
      return { order: pending, reused: true }
    if (pending) {
      // Replaced (too close to expiry, or a different amount): it must not stay payable.
      try {
        await closeUnpaid(ctx, pending, tx)
      }
      catch (e) {
        throw upstreamUnavailable(e, ctx.log, 'close')
      }
    }
    if (plan.product.kind === 'unlock' && await isEntitled(tx, user.id, plan.articleId!, new Date(now)))
      throw new ApiError(409, 'ALREADY_ENTITLED', 'You can already read this article')
    const outTradeNo = newOutTradeNo(now)
    const expiresAt = now + ORDER_TTL_MS
    let prepayId: string
    try {
      prepayId = await ctx.client.prepay({ description: plan.description, outTradeNo, amountFen: plan.amountFen, openid: user.openid, timeExpire: toCstRfc3339(expiresAt) })
    }
    catch (e) {
      throw upstreamUnavailable(e, ctx.log, 'prepay')
    }
    const order = await insertOrder(tx, {
      outTradeNo,
      userId: user.id,
      productId: plan.product.id,
      kind: plan.product.kind,
      articleId: plan.articleId,
      description: plan.description,
      amountFen: plan.amountFen,
      durationDays: plan.product.durationDays,
      prepayId,
      expiresAt: new Date(expiresAt),
      createdAt: new Date(now),
    })
    return { order, reused: false }
  })
  // A fresh paySign each time is fine: it signs the same prepay_id.
  const pay = jsapiPayParams({ appId: ctx.appId, prepayId: result.order.prepayId, privateKeyPem: ctx.pay.privateKeyPem, nowSeconds: Math.floor(Date.now() / 1000) })
  return { ...result, pay }
}

/** Validates the request against the catalogue; prices come only from here. */
async function planOrder(db: Db, body: CreateOrderBody): Promise<Plan> {
  const product = await findProduct(db, body.productId)
  if (!product || !product.active)
    throw new ApiError(404, 'PRODUCT_NOT_FOUND', 'This product is not on sale')
  if (product.kind === 'membership')
    return { product, articleId: null, amountFen: product.priceFen!, description: clip(`会员·${product.title}`) }

  if (!body.articleId)
    throw new ApiError(400, 'ARTICLE_REQUIRED', 'articleId is required for this product')
  const article = await findArticleMeta(db, body.articleId)
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
