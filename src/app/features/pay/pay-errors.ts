import { HttpError } from '../../platform/http.ts'

/** A calm, specific message (WeUI's tone: what happened, whether money moved, what to do next). */
export interface PayFailure {
  title: string
  desc: string
  /** What the retry button does: order and pay again, or ask about the same order again. */
  retry: 'buy' | 'check'
  retryText: string
}

const again = (title: string, desc: string): PayFailure => ({ title, desc, retry: 'buy', retryText: '重试' })

export const PAY_FAILURES = {
  sheetFailed: again('支付未完成', '微信支付没有完成这笔付款，未扣款。可以重试，或稍后再来。'),
  wechatSilent: again('微信没有响应', '微信客户端没有响应这次支付，未扣款。请检查网络后重试；仍不行时关闭页面重新打开。'),
  closed: again('订单已关闭', '这笔订单已过期或被取消，未扣款。请重新下单。'),
  refunded: again('订单已退款', '这笔订单已退款，请重新下单。'),
  unconfirmed: { title: '正在确认支付结果', desc: '如果你已完成付款，稍后会自动解锁；也可以稍后回到本页查看。', retry: 'check', retryText: '刷新支付结果' } satisfies PayFailure,
} as const

/** Why an order could not be created (POST /api/orders), by the API's error code. */
export function orderFailure(err: unknown): PayFailure {
  const code = err instanceof HttpError ? err.code : undefined
  switch (code) {
    case 'NETWORK_ERROR':
      return again('网络不太稳定', '订单没有创建，未扣款。请检查网络后重试。')
    case 'UPSTREAM_UNAVAILABLE':
      return again('微信支付暂时不可用', '暂时无法连接微信支付，未扣款。请稍后再试。')
    case 'PAY_NOT_CONFIGURED':
      return again('暂未开通支付', '本公众号暂未开通微信支付，请稍后再来。')
    case 'AMOUNT_OUT_OF_RANGE':
    case 'AMOUNT_REQUIRED':
      return again('金额不在范围内', '请换一个金额再试。')
    case 'ALREADY_PAID':
      return again('订单已支付', '你之前的订单已付款成功，这次没有再下单，也没有重复扣款。刷新页面即可查看。')
    case 'PRODUCT_NOT_FOUND':
      return again('商品已下架', '这个商品暂时不能购买，请刷新页面看看。')
    case 'UNAUTHORIZED':
      return again('登录已失效', '请刷新页面重新登录后再试。')
    default:
      return again('暂时无法下单', '请稍后再试，未扣款。')
  }
}
