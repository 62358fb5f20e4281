import type { WxCallbacks, WxResult } from './types.ts'
import { WeChatError } from './errors.ts'

export type WxOutcome<R> = { kind: 'ok', res: R } | { kind: 'cancel', res: WxResult }

/** Turns one callback-style jweixin call into a promise: success/cancel resolve, fail rejects. */
export function callWx<A extends object, R = WxResult>(
  fn: (args: A & WxCallbacks<R>) => void,
  args: A,
): Promise<WxOutcome<R>> {
  return new Promise((resolve, reject) => {
    fn({
      ...args,
      success: res => resolve({ kind: 'ok', res }),
      cancel: res => resolve({ kind: 'cancel', res }),
      fail: res => reject(new WeChatError(res?.errMsg ?? 'fail')),
    })
  })
}
