import type { OrderView } from '@shared/schemas/orders.ts'
import type { PayResult } from '../../platform/wechat/index.ts'
import type { PayFailure } from './pay-errors.ts'
import type { PollOptions } from './poll-order.ts'
import type { PurchaseItem } from './types.ts'
import { computed, ref } from 'vue'
import { HttpError } from '../../platform/http.ts'
import { usePlatform } from '../../platform/services.ts'
import { NOT_IN_WECHAT, PAY_NOT_SUPPORTED, useWeChat, WeChatError } from '../../platform/wechat/index.ts'
import { useOpenInWeChatGuideStore } from '../../stores/open-in-wechat-guide.ts'
import { useSessionStore } from '../../stores/session.ts'
import { useRequireSignIn } from '../auth/index.ts'
import { orderFailure, PAY_FAILURES } from './pay-errors.ts'
import { createOrder, getOrder } from './pay.api.ts'
import { createPendingOrders } from './pending-order.ts'
import { pollOrder } from './poll-order.ts'

export type PurchaseState = 'idle' | 'ordering' | 'paying' | 'confirming' | 'paid' | 'failed'

export type PurchaseOutcome
  = | 'paid'
    | 'cancelled'
    | 'failed'
    | 'unconfirmed' // the server has not seen the payment yet; checked again on return
    | 'refused' // snapshot-mode visitor: the notice explains
    | 'needs-wechat' // not the Official Account webview (another browser, WeCom, a mini-program): the open-in-WeChat guide is shown
    | 'redirecting' // signing in first; the purchase resumes on return (resume())
    | 'owned' // back from sign-in, the reader already has what they were about to buy: nothing was ordered
    | 'busy'

export interface PurchaseOptions {
  /** The server confirmed the payment (or the reader already had access): show what it bought. */
  onPaid?: (item: PurchaseItem, order?: OrderView) => unknown
  toast?: (message: string) => void
  poll?: PollOptions
  /**
   * Asked before a purchase started signed out is replayed after the sign-in round trip: the
   * reader may turn out to be a member already (new phone, cleared cookies). Return false to
   * drop the purchase (resume() answers 'owned'); a renewal is then a deliberate second tap.
   */
  stillWanted?: (item: PurchaseItem) => boolean | Promise<boolean>
}

/**
 * One purchase flow for memberships, unlocks and tips: sign in (lazily, resumable), create the
 * order, open WeChat's pay sheet, then wait for the SERVER to confirm: the sheet's "ok" is only
 * a hint (protocol.md §6). The order being paid is remembered on the device, so a payment
 * interrupted by a lost network or a closed webview is found again by `resume()` when the page
 * reopens.
 */
export function usePurchase(options: PurchaseOptions = {}) {
  // Device storage: a webview closed mid-payment loses sessionStorage (pending-order.ts).
  const { http, location, local: storage } = usePlatform()
  const wechat = useWeChat()
  const session = useSessionStore()
  const guide = useOpenInWeChatGuideStore()
  const signIn = useRequireSignIn<PurchaseItem>('pay:purchase')
  const pending = createPendingOrders(storage)
  const toast = options.toast ?? ((message: string) => void showToast(message))

  const state = ref<PurchaseState>('idle')
  const failure = ref<PayFailure | null>(null)
  /** The item of the current or last purchase (which button shows the pending state). */
  const item = ref<PurchaseItem | null>(null)
  const busy = computed(() => state.value === 'ordering' || state.value === 'paying' || state.value === 'confirming')
  let orderId: number | null = null

  function fail(f: PayFailure): 'failed' {
    state.value = 'failed'
    failure.value = f
    return 'failed'
  }

  async function settle(order: OrderView, bought: PurchaseItem): Promise<PurchaseOutcome> {
    pending.forget(order.id)
    if (order.status !== 'paid')
      return fail(order.status === 'refunded' ? PAY_FAILURES.refunded : PAY_FAILURES.closed)
    state.value = 'paid'
    await options.onPaid?.(bought, order)
    return 'paid'
  }

  async function confirm(id: number, bought: PurchaseItem): Promise<PurchaseOutcome> {
    state.value = 'confirming'
    failure.value = null
    const order = await pollOrder(() => getOrder(http, id), options.poll)
    if (order === 'timeout') {
      fail(PAY_FAILURES.unconfirmed)
      return 'unconfirmed'
    }
    return settle(order, bought)
  }

  async function purchase(bought: PurchaseItem): Promise<PurchaseOutcome> {
    item.value = bought
    failure.value = null
    state.value = 'ordering'
    const { kind: _kind, ...body } = bought
    let created
    try {
      created = await createOrder(http, body)
    }
    catch (err) {
      if (err instanceof HttpError && err.code === 'SNAPSHOT_USER') {
        session.snapshotNoticeOpen = true
        state.value = 'idle'
        return 'refused'
      }
      // Bought on another device, or a notification landed meanwhile.
      if (err instanceof HttpError && err.code === 'ALREADY_ENTITLED') {
        state.value = 'paid'
        await options.onPaid?.(bought)
        return 'paid'
      }
      return fail(orderFailure(err))
    }
    orderId = created.orderId
    pending.remember(created.orderId, bought, location.pathname)
    state.value = 'paying'
    let result: PayResult
    try {
      result = await wechat.pay(created.pay)
    }
    catch (err) {
      if (err instanceof WeChatError && (err.errMsg === NOT_IN_WECHAT || err.errMsg === PAY_NOT_SUPPORTED)) {
        pending.forget(created.orderId)
        state.value = 'idle'
        guide.open()
        return 'needs-wechat'
      }
      // A failed sheet normally means no money moved, but the server has the last word.
      const order = await getOrder(http, created.orderId).catch(() => null)
      if (order?.status === 'paid')
        return settle(order, bought)
      pending.forget(created.orderId)
      // wx.config never answered: say so, rather than that the payment itself failed.
      return fail(err instanceof WeChatError && err.errMsg === 'config:timeout' ? PAY_FAILURES.wechatSilent : PAY_FAILURES.sheetFailed)
    }
    if (result === 'cancel') {
      pending.forget(created.orderId)
      state.value = 'idle'
      toast('已取消支付')
      return 'cancelled'
    }
    return confirm(created.orderId, bought)
  }

  async function buy(bought: PurchaseItem): Promise<PurchaseOutcome> {
    if (busy.value)
      return 'busy'
    // Pay only works in the Official Account webview: not outside WeChat, in WeCom or in a
    // mini-program web-view (environment.ts); the guide says where it does.
    if (!wechat.environment.canPay) {
      guide.open()
      return 'needs-wechat'
    }
    item.value = bought
    failure.value = null
    state.value = 'ordering'
    let outcome: PurchaseOutcome = 'failed'
    const signedIn = await signIn.run(bought, async (it) => {
      outcome = await purchase(it)
    })
    if (signedIn === 'ran')
      return outcome
    if (signedIn !== 'redirecting')
      state.value = 'idle'
    return signedIn
  }

  /** The retry button of a failure: order again, or ask about the unconfirmed order again. */
  async function retry(): Promise<PurchaseOutcome> {
    if (!item.value)
      return 'failed'
    if (failure.value?.retry === 'check' && orderId !== null)
      return confirm(orderId, item.value)
    return buy(item.value)
  }

  /**
   * On page mount: finish a purchase started before the sign-in round trip, or check the order
   * that was being paid when the page closed or the network dropped.
   */
  async function resume(): Promise<PurchaseOutcome | null> {
    let resumed: Promise<PurchaseOutcome> | undefined
    await signIn.resume(async (it) => {
      // Never open a pay sheet for something the reader turns out to have already.
      if (options.stillWanted && !(await options.stillWanted(it))) {
        item.value = null
        state.value = 'idle'
        resumed = Promise.resolve('owned')
        return
      }
      resumed = purchase(it)
      return resumed
    })
    if (resumed)
      return resumed
    const stored = pending.peek(location.pathname)
    if (!stored)
      return null
    const me = await session.ensureMe()
    if (!me || me.isSnapshot)
      return null
    item.value = stored.item
    orderId = stored.orderId
    state.value = 'confirming'
    let order: OrderView
    try {
      // While pending the server asks WeChat Pay, so one answer is authoritative.
      order = await getOrder(http, stored.orderId)
    }
    catch (err) {
      state.value = 'idle'
      if (err instanceof HttpError && err.status === 404)
        pending.forget(stored.orderId)
      return null // offline again: kept for the next visit
    }
    if (order.status === 'paid') {
      toast('支付成功')
      return settle(order, stored.item)
    }
    // Never paid (the reader left the sheet, or it expired): nothing to recover.
    pending.forget(stored.orderId)
    state.value = 'idle'
    return null
  }

  return { state, failure, item, busy, buy, retry, resume }
}
