// After wx.config the SDK reports statistics with `new Image().src = "https://open.weixin.qq.com/
// sdk/report?…&u=<page URL>"` (protocol.md §4.3 step 9). Our persona UAs contain iPhone/Android,
// so it would fire: a request to Tencent carrying the developer's local URL, failing offline
// with a console error. We drop exactly that request and log it instead.
import type { BridgeState } from './bridge-state'

const REPORT_PREFIX = 'https://open.weixin.qq.com/sdk/report'

export function neutraliseSdkReport(win: Window, state: BridgeState): void {
  const proto = (win as Window & typeof globalThis).HTMLImageElement?.prototype
  const desc = proto && Object.getOwnPropertyDescriptor(proto, 'src')
  if (!proto || !desc?.set || !desc.get)
    return
  const { get, set } = desc
  Object.defineProperty(proto, 'src', {
    ...desc,
    get() {
      return get.call(this) as string
    },
    set(value: unknown) {
      if (typeof value === 'string' && value.startsWith(REPORT_PREFIX)) {
        state.log({ kind: 'report', name: 'sdk/report', args: { url: value }, reply: 'blocked', reason: 'SDK statistics beacon, not sent' })
        return
      }
      set.call(this, value)
    },
  })
}
