import type { WeixinJSBridgeLike } from './types.ts'

type Listener = () => void
const LISTENERS = Symbol('wechat-kit config reply listeners')
type WatchedBridge = WeixinJSBridgeLike & { [LISTENERS]?: Listener[] }

/**
 * Calls `listener` once the client has answered the next `wx.config`, after the SDK has
 * handled the answer (so a failure has already reached `wx.error`).
 *
 * Why: jweixin runs `wx.ready` callbacks once per page and afterwards calls them at once
 * (protocol.md §4.3), so a second `wx.config` (the SPA re-signing after navigation) has no
 * completion event. The client's reply to `preVerifyJSAPI` is that event.
 * Returns false when the bridge is not there yet (the first config waits on `wx.ready`).
 */
export function onNextConfigReply(bridge: WeixinJSBridgeLike | undefined, listener: Listener): boolean {
  if (!bridge)
    return false
  const watched = bridge as WatchedBridge
  if (!watched[LISTENERS]) {
    const queue: Listener[] = []
    const invoke = bridge.invoke.bind(bridge)
    watched[LISTENERS] = queue
    watched.invoke = (name, args, cb) => {
      if (name !== 'preVerifyJSAPI')
        return invoke(name, args, cb)
      const settle = queue.shift()
      invoke(name, args, (res) => {
        try {
          cb?.(res)
        }
        finally {
          settle?.()
        }
      })
    }
  }
  watched[LISTENERS]!.push(listener)
  return true
}
