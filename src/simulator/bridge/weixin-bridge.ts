// The `WeixinJSBridge` global the SDK talks to (protocol.md §4.8): invoke / on / call.
// Replies are asynchronous and use the client's legacy `err_msg` (§4.6), so the real SDK code
// path (`V()` normalisation, ready/error ordering) runs unmodified against it.
import type { Handler, HandlerContext, HandlerResult } from './handler-context'
import type { BridgeArgs, BridgeCallback, BridgeReply, WeixinJSBridgeLike } from './types'
import * as basic from './api-basic'
import { checkJsApi, preVerifyJSAPI } from './api-config'
import { getBrandWCPayRequest } from './api-pay'
import { updateAppMessageShareData, updateTimelineShareData } from './api-share'
import { checkPermission } from './permissions'
import { replyPrefix } from './sdk-names'

const HANDLERS: Readonly<Record<string, Handler>> = {
  preVerifyJSAPI,
  checkJsApi,
  updateAppMessageShareData,
  updateTimelineShareData,
  getBrandWCPayRequest,
  getNetworkType: basic.getNetworkType,
  closeWindow: basic.closeWindow,
  setFontSizeCallback: basic.setFontSizeCallback,
  imagePreview: basic.imagePreview,
  hideOptionMenu: basic.hideOptionMenu,
  showOptionMenu: basic.showOptionMenu,
  hideMenuItems: basic.hideMenuItems,
  showMenuItems: basic.showMenuItems,
  hideAllNonBaseMenuItem: basic.hideAllNonBaseMenuItem,
  showAllNonBaseMenuItem: basic.showAllNonBaseMenuItem,
}

export function supportsBridgeApi(name: string): boolean {
  return name !== 'preVerifyJSAPI' && Object.prototype.hasOwnProperty.call(HANDLERS, name)
}

export function createWeixinBridge(ctx: Omit<HandlerContext, 'supports'>): WeixinJSBridgeLike {
  const full: HandlerContext = { ...ctx, supports: supportsBridgeApi }
  const { state } = ctx

  async function run(name: string, args: BridgeArgs): Promise<HandlerResult> {
    const handler = HANDLERS[name]
    // §4.6: an API this client does not have; the SDK shows `<jsName>:function not exist`.
    if (!handler)
      return { reply: { err_msg: `${name}:function_not_exist` }, reason: 'this client has no such API (WeChat answers function_not_exist)' }
    if (name !== 'preVerifyJSAPI') {
      const denial = checkPermission(state, name, args)
      if (denial)
        return { reply: { err_msg: denial.errMsg }, reason: denial.reason }
    }
    try {
      return await handler(args, full)
    }
    catch (err) {
      return { reply: { err_msg: `${replyPrefix(name)}:fail` }, reason: `emulator error: ${String(err)}` }
    }
  }

  function invoke(name: string, args?: BridgeArgs, cb?: BridgeCallback): void {
    const safeArgs: BridgeArgs = typeof args === 'object' && args !== null ? { ...args } : {}
    const entry = state.log({ kind: 'invoke', name: String(name), args: safeArgs })
    // A closed page is gone: nothing answers any more.
    if (state.closed) {
      entry.reason = 'page closed'
      return
    }
    void run(String(name), safeArgs).then((result) => {
      entry.reply = result.reply.err_msg
      entry.reason = result.reason
      state.changed()
      // Always a later task, never synchronous: the real client answers across the JS bridge.
      setTimeout(() => deliver(cb, result.reply), 0)
    })
  }

  function on(event: string, handler: (res: Record<string, unknown>) => void): void {
    state.log({ kind: 'on', name: String(event), args: {} })
    if (typeof handler !== 'function')
      return
    const list = state.handlers.get(event) ?? []
    list.push(handler)
    state.handlers.set(event, list)
  }

  // `WeixinJSBridge.call('closeWindow')` (§4.8): fire-and-forget, no callback, no config needed.
  function call(name: string): void {
    const entry = state.log({ kind: 'call', name: String(name), args: {} })
    if (state.closed)
      return
    if (name === 'closeWindow' || name === 'hideOptionMenu' || name === 'showOptionMenu') {
      void run(name, {}).then((r) => {
        entry.reply = r.reply.err_msg
        state.changed()
      })
    }
  }

  return { invoke, on, call }
}

function deliver(cb: BridgeCallback | undefined, reply: BridgeReply): void {
  if (typeof cb === 'function')
    cb({ ...reply })
}
