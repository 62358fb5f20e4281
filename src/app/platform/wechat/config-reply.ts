import type { WeixinJSBridgeLike } from './types.ts'

type Listener = () => void
type Invoke = WeixinJSBridgeLike['invoke']

interface Watch {
  /** Settles the configs sent, in order (the client answers one preVerifyJSAPI per config). */
  queue: Listener[]
  /** Our wrapper, to tell whether `bridge.invoke` still is it. */
  wrapper: Invoke
}

// Kept beside the bridge, not on it: a frozen bridge takes no extra property either.
const watches = new WeakMap<object, Watch>()

/**
 * Calls `listener` once the client has answered the next `wx.config`, after the SDK has
 * handled the answer (so a failure has already reached `wx.error`).
 *
 * Why: jweixin runs `wx.ready` callbacks once per page and afterwards calls them at once
 * (protocol.md §4.3), so a second `wx.config` (the SPA re-signing after navigation) has no
 * completion event. The client's reply to `preVerifyJSAPI` is that event, seen by wrapping
 * `WeixinJSBridge.invoke` (the SDK looks it up at every call, §4.2).
 *
 * Returns false when nothing can be watched: no bridge yet (the first config waits on
 * `wx.ready`), or a bridge whose `invoke` cannot be replaced (frozen, non-writable, a
 * read-only accessor, or an assignment that does not stick). Nothing promises that the real
 * client's bridge is writable, so callers need another completion signal then (create-wechat.ts).
 */
export function onNextConfigReply(bridge: WeixinJSBridgeLike | undefined, listener: Listener): boolean {
  if (!bridge)
    return false
  let watch = watches.get(bridge)
  // The client may have put a new invoke in place of ours since: wrap that one, same queue.
  if (!watch || bridge.invoke !== watch.wrapper) {
    const queue = watch?.queue ?? []
    const wrapper = wrapInvoke(bridge.invoke.bind(bridge), queue)
    if (!replaceInvoke(bridge, wrapper))
      return false
    watch = { queue, wrapper }
    watches.set(bridge, watch)
  }
  watch.queue.push(listener)
  return true
}

function wrapInvoke(invoke: Invoke, queue: Listener[]): Invoke {
  return (name, args, cb) => {
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

/** Whether `invoke` could be assigned (own or inherited data property, or a setter). */
export function isInvokeWritable(bridge: object): boolean {
  for (let obj: object | null = bridge; obj; obj = Object.getPrototypeOf(obj) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(obj, 'invoke')
    if (!desc)
      continue
    if ('value' in desc || desc.writable !== undefined) {
      // A writable inherited property becomes an own one, which needs an extensible bridge.
      return desc.writable === true && (obj === bridge || Object.isExtensible(bridge))
    }
    return typeof desc.set === 'function'
  }
  return Object.isExtensible(bridge)
}

/** Assigns, then checks that it took: a setter or a proxy may accept and ignore the value. */
function replaceInvoke(bridge: WeixinJSBridgeLike, wrapper: Invoke): boolean {
  if (!isInvokeWritable(bridge))
    return false
  try {
    bridge.invoke = wrapper
  }
  catch {
    return false
  }
  return bridge.invoke === wrapper
}
