/** A JS-SDK failure; `errMsg` is what the SDK reported (`config:invalid signature`…) or one of ours. */
export class WeChatError extends Error {
  constructor(readonly errMsg: string, message: string = errMsg) {
    super(message)
    this.name = 'WeChatError'
  }
}

/** Outside WeChat the SDK never answers (protocol.md §4.2), so the adapter refuses at once. */
export const NOT_IN_WECHAT = 'wechat:not supported'

/** WeChat, but not the Official Account webview: a mini-program web-view cannot pay (environment.ts). */
export const PAY_NOT_SUPPORTED = 'chooseWXPay:not supported here'

export function isInvalidSignature(err: unknown): boolean {
  return err instanceof WeChatError && /invalid signature/.test(err.errMsg)
}
