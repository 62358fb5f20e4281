import type { Me } from '../../../../../src/shared/schemas/me.ts'
import type { OrderStatus, OrderView } from '../../../../../src/shared/schemas/orders.ts'
import type { Route } from '../../helpers/fake-platform.ts'
import { describe, expect, it, vi } from 'vitest'
import { usePurchase } from '../../../../../src/app/features/pay/index.ts'
import { HttpError } from '../../../../../src/app/platform/http.ts'
import { useOpenInWeChatGuideStore } from '../../../../../src/app/stores/open-in-wechat-guide.ts'
import { useSessionStore } from '../../../../../src/app/stores/session.ts'
import { fakePageLoad } from '../../helpers/fake-platform.ts'
import { APP_ID, DESKTOP_UA, MINI_PROGRAM_UA, WECOM_UA } from '../../helpers/fake-wechat.ts'

const ALICE: Me = { id: 7, nickname: 'Alice', avatarUrl: 'https://thirdwx.example/a.png', isSnapshot: false }
const MEMBERSHIP = { kind: 'membership', productId: 'membership-monthly' } as const
const PAY = { appId: APP_ID, timeStamp: '1700000000', nonceStr: 'n0nce', package: 'prepay_id=wx41', signType: 'RSA', paySign: 'c2ln' } as const
const PENDING_KEY = 'kit:pending-order'

function order(status: OrderStatus): OrderView {
  return {
    id: 41,
    status,
    kind: 'membership',
    productId: 'membership-monthly',
    description: '月度会员',
    amountFen: 1800,
    createdAt: '2025-04-01T00:00:00.000Z',
    expiresAt: '2025-04-01T02:00:00.000Z',
  }
}

/** Answers GET /api/orders/41 with these statuses in turn (the last one repeats); `Error` = network loss. */
function orderStatuses(...seq: Array<OrderStatus | Error>): Route {
  let i = 0
  return () => {
    const next = seq[Math.min(i++, seq.length - 1)]!
    if (next instanceof Error)
      throw new HttpError(0, 'NETWORK_ERROR', next.message)
    return order(next)
  }
}

function page(opts: { me?: Me | null, ua?: string, tab?: Map<string, string>, device?: Map<string, string>, statuses?: Route, createOrder?: Route, stillWanted?: () => boolean | Promise<boolean> } = {}) {
  const load = fakePageLoad({
    me: opts.me === undefined ? ALICE : opts.me,
    ua: opts.ua,
    tab: opts.tab,
    device: opts.device,
    routes: {
      'POST /api/orders': opts.createOrder ?? (() => ({ orderId: 41, reused: false, amountFen: 1800, pay: PAY })),
      'GET /api/orders/41': opts.statuses ?? orderStatuses('paid'),
    },
  })
  const onPaid = vi.fn()
  const toast = vi.fn()
  const sleeps: number[] = []
  const purchase = load.run(() => usePurchase({ onPaid, toast, stillWanted: opts.stillWanted, poll: { sleep: async (ms) => { sleeps.push(ms) } } }))
  const orderPolls = () => load.http.get.mock.calls.filter(([p]) => p === '/api/orders/41').length
  return { ...load, purchase, onPaid, toast, sleeps, orderPolls }
}

describe('the purchase flow', () => {
  it('treats the pay sheet\'s ok as a hint and polls the order until the server says paid', async () => {
    const p = page({ statuses: orderStatuses('pending', 'pending', 'paid') })
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('paid')
    expect(p.http.post).toHaveBeenCalledWith('/api/orders', { productId: 'membership-monthly' })
    // One canonical payload, mapped to chooseWXPay's lower-case `timestamp`.
    expect(p.fake.named('chooseWXPay')).toEqual([expect.objectContaining({ timestamp: '1700000000', package: 'prepay_id=wx41', signType: 'RSA', paySign: 'c2ln' })])
    expect(p.orderPolls()).toBe(3)
    expect(p.sleeps).toEqual([500, 750])
    expect(p.onPaid).toHaveBeenCalledExactlyOnceWith(MEMBERSHIP, expect.objectContaining({ id: 41, status: 'paid' }))
    expect(p.purchase.state.value).toBe('paid')
    expect(p.device.has(PENDING_KEY)).toBe(false)
  })

  it('backs off while the order stays pending and gives up calmly after about 30 s', async () => {
    const p = page({ statuses: orderStatuses('pending') })
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('unconfirmed')
    expect(p.sleeps.reduce((a, b) => a + b, 0)).toBe(30_000)
    expect(Math.max(...p.sleeps)).toBeLessThanOrEqual(3000)
    expect(p.purchase.failure.value).toMatchObject({ title: '正在确认支付结果', retry: 'check' })
    expect(p.onPaid).not.toHaveBeenCalled()
    // Kept: checked again by the retry button or when the page is reopened.
    expect(p.device.has(PENDING_KEY)).toBe(true)
  })

  it('leaves things as they were when the reader cancels the pay sheet, with a calm toast', async () => {
    const p = page()
    p.fake.sdk.payReply = 'cancel'
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('cancelled')
    expect(p.toast).toHaveBeenCalledWith('已取消支付')
    expect(p.purchase.state.value).toBe('idle')
    expect(p.purchase.failure.value).toBeNull()
    expect(p.onPaid).not.toHaveBeenCalled()
    expect(p.orderPolls()).toBe(0)
    expect(p.device.has(PENDING_KEY)).toBe(false)
  })

  it('explains a failed payment and pays on retry', async () => {
    const p = page({ statuses: orderStatuses('pending', 'paid') })
    p.fake.sdk.payReply = 'fail'
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('failed')
    expect(p.purchase.failure.value).toMatchObject({ title: '支付未完成', retry: 'buy', retryText: '重试' })
    expect(p.purchase.failure.value?.desc).toContain('未扣款')
    expect(p.onPaid).not.toHaveBeenCalled()

    p.fake.sdk.payReply = 'ok'
    await expect(p.purchase.retry()).resolves.toBe('paid')
    expect(p.fake.named('chooseWXPay')).toHaveLength(2)
    expect(p.onPaid).toHaveBeenCalledOnce()
  })

  it('says why an order could not be created, without opening the pay sheet', async () => {
    const p = page({ createOrder: () => { throw new HttpError(503, 'UPSTREAM_UNAVAILABLE', 'down') } })
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('failed')
    expect(p.purchase.failure.value?.title).toBe('微信支付暂时不可用')
    expect(p.fake.named('chooseWXPay')).toEqual([])
  })

  it('checks the order remembered when the network dropped during payment, when the page is reopened', async () => {
    const lost = page({ statuses: orderStatuses(new Error('offline')) })
    await expect(lost.purchase.buy(MEMBERSHIP)).resolves.toBe('unconfirmed')
    expect(lost.onPaid).not.toHaveBeenCalled()

    // WeChat closed the webview (sessionStorage gone); the reader opens the article again
    // later: the payment went through meanwhile.
    expect(lost.tab.has(PENDING_KEY)).toBe(false)
    const reopened = page({ device: lost.device, statuses: orderStatuses('paid') })
    await expect(reopened.purchase.resume()).resolves.toBe('paid')
    expect(reopened.onPaid).toHaveBeenCalledExactlyOnceWith(MEMBERSHIP, expect.objectContaining({ status: 'paid' }))
    expect(reopened.toast).toHaveBeenCalledWith('支付成功')
    expect(reopened.fake.named('chooseWXPay')).toEqual([])
    expect(reopened.device.has(PENDING_KEY)).toBe(false)
    // Nothing left to check on the next visit.
    await expect(page({ device: lost.device }).purchase.resume()).resolves.toBeNull()
  })

  it('forgets a remembered order that was never paid, and keeps it while still offline', async () => {
    const lost = page({ statuses: orderStatuses(new Error('offline')) })
    await lost.purchase.buy(MEMBERSHIP)
    const offline = page({ device: lost.device, statuses: orderStatuses(new Error('offline')) })
    await expect(offline.purchase.resume()).resolves.toBeNull()
    expect(offline.device.has(PENDING_KEY)).toBe(true)
    const unpaid = page({ device: lost.device, statuses: orderStatuses('pending') })
    await expect(unpaid.purchase.resume()).resolves.toBeNull()
    expect(unpaid.onPaid).not.toHaveBeenCalled()
    expect(unpaid.purchase.state.value).toBe('idle')
    expect(unpaid.device.has(PENDING_KEY)).toBe(false)
  })

  it('drops a remembered order once its prepay_id has expired (2 h), without asking the server', async () => {
    const lost = page({ statuses: orderStatuses(new Error('offline')) })
    await lost.purchase.buy(MEMBERSHIP)
    const saved = JSON.parse(lost.device.get(PENDING_KEY)!) as { savedAt: number }
    lost.device.set(PENDING_KEY, JSON.stringify({ ...saved, savedAt: saved.savedAt - 2 * 60 * 60 * 1000 - 1 }))
    const later = page({ device: lost.device, statuses: orderStatuses('paid') })
    await expect(later.purchase.resume()).resolves.toBeNull()
    expect(later.orderPolls()).toBe(0)
    expect(later.device.has(PENDING_KEY)).toBe(false)
  })

  it('forgets a remembered order the server does not know for this reader (another WeChat account)', async () => {
    const lost = page({ statuses: orderStatuses(new Error('offline')) })
    await lost.purchase.buy(MEMBERSHIP)
    const other = page({ device: lost.device, me: { ...ALICE, id: 8 }, statuses: () => { throw new HttpError(404, 'NOT_FOUND', 'no such order') } })
    await expect(other.purchase.resume()).resolves.toBeNull()
    expect(other.device.has(PENDING_KEY)).toBe(false)
    expect(other.onPaid).not.toHaveBeenCalled()
  })

  it('refuses snapshot-mode visitors with the notice and creates no order', async () => {
    const p = page({ me: { ...ALICE, isSnapshot: true } })
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('refused')
    expect(p.run(() => useSessionStore()).snapshotNoticeOpen).toBe(true)
    expect(p.http.post).not.toHaveBeenCalled()
    expect(p.purchase.state.value).toBe('idle')
  })

  it('signs in first and resumes the purchase after the OAuth round trip', async () => {
    const before = page({ me: null })
    await expect(before.purchase.buy(MEMBERSHIP)).resolves.toBe('redirecting')
    expect(before.location.assign).toHaveBeenCalledWith(`/auth/login?returnTo=${encodeURIComponent('/articles/a1')}`)
    expect(before.http.post).not.toHaveBeenCalled()

    // The action waiting for sign-in stays per tab (sessionStorage), not on the device.
    expect(before.tab.has('kit:pending-action')).toBe(true)
    expect(before.device.has('kit:pending-action')).toBe(false)
    const after = page({ tab: before.tab })
    await expect(after.purchase.resume()).resolves.toBe('paid')
    expect(after.http.post).toHaveBeenCalledOnce()
    expect(after.onPaid).toHaveBeenCalledWith(MEMBERSHIP, expect.objectContaining({ status: 'paid' }))
  })

  it('drops the resumed purchase, opening no pay sheet, when the reader turns out to have it already', async () => {
    const before = page({ me: null })
    await before.purchase.buy(MEMBERSHIP)
    const stillWanted = vi.fn(async () => false)
    const after = page({ tab: before.tab, stillWanted })
    await expect(after.purchase.resume()).resolves.toBe('owned')
    expect(stillWanted).toHaveBeenCalledExactlyOnceWith(MEMBERSHIP)
    expect(after.http.post).not.toHaveBeenCalled()
    expect(after.fake.named('chooseWXPay')).toEqual([])
    expect(after.purchase.state.value).toBe('idle')
    expect(after.tab.has('kit:pending-action')).toBe(false)
  })

  it.each([
    ['outside WeChat', DESKTOP_UA],
    ['in WeCom', WECOM_UA],
    ['in a mini-program web-view', MINI_PROGRAM_UA],
  ])('shows the open-in-WeChat guide %s, without signing in or ordering', async (_where, ua) => {
    const p = page({ ua, me: null })
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('needs-wechat')
    expect(p.run(() => useOpenInWeChatGuideStore()).visible).toBe(true)
    expect(p.http.post).not.toHaveBeenCalled()
    expect(p.location.assign).not.toHaveBeenCalled()
    expect(p.fake.named('chooseWXPay')).toEqual([])
  })

  it('counts an article the reader can already read as bought', async () => {
    const item = { kind: 'unlock', productId: 'unlock-x', articleId: 'x' } as const
    const p = page({ createOrder: () => { throw new HttpError(409, 'ALREADY_ENTITLED', 'already') } })
    await expect(p.purchase.buy(item)).resolves.toBe('paid')
    expect(p.onPaid).toHaveBeenCalledWith(item)
  })

  it('ignores a second tap while a purchase is in progress', async () => {
    const p = page()
    const first = p.purchase.buy(MEMBERSHIP)
    await expect(p.purchase.buy(MEMBERSHIP)).resolves.toBe('busy')
    await expect(first).resolves.toBe('paid')
    expect(p.http.post).toHaveBeenCalledOnce()
  })
})
