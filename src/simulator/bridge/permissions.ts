// JS-SDK permission gate: every invoke after wx.config must match a verified config and name a
// granted API (protocol.md §3.3 errMsg table, §7 "Bridge"). This is what makes a kit that calls
// wx.* outside wx.ready, or forgets an API in jsApiList, fail in tests as it fails on a phone.
import type { BridgeState } from './bridge-state'
import type { BridgeArgs } from './types'
import { replyPrefix } from './sdk-names'

/**
 * Bridge calls that work without wx.config when made directly (no `verify*` fields): the
 * official Pay doc calls `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` with no SDK (§4.5),
 * and `WeixinJSBridge.call('closeWindow')` is common (§4.8). Payment is authorised by the
 * merchant's pay directory and paySign, not by the JS-SDK config. Android pages pin the text
 * size with `setFontSizeCallback` before any config, a long-standing client behaviour.
 */
const DIRECT_CALLS: ReadonlySet<string> = new Set([
  'getBrandWCPayRequest',
  'closeWindow',
  'hideOptionMenu',
  'showOptionMenu',
  'getNetworkType',
  'setFontSizeCallback',
])

export interface PermissionDenial {
  errMsg: string
  reason: string
}

/** Returns null when the invoke may run, else the reply the real client gives. */
export function checkPermission(state: BridgeState, name: string, args: BridgeArgs): PermissionDenial | null {
  const prefix = replyPrefix(name)
  // §3.3: config not (yet) successful, or the call happened before wx.ready.
  const offline = (reason: string): PermissionDenial =>
    ({ errMsg: `${prefix}:fail, the permission value is offline verifying`, reason })

  const viaSdk = 'verifySignature' in args || 'verifyAppId' in args
  if (!viaSdk) {
    if (DIRECT_CALLS.has(name))
      return null
    return offline('direct bridge call without wx.config credentials')
  }

  const v = state.verified
  if (!v)
    return offline('no successful wx.config yet (call it inside wx.ready, after config:ok)')
  // The SDK stamps the *current* wx.config onto every call (§4.3 step 3). A second wx.config
  // that has not been verified yet therefore does not match the one the client trusts.
  if (args.verifyAppId !== v.appId || args.verifySignature !== v.signature
    || args.verifyTimestamp !== v.timestamp || args.verifyNonceStr !== v.nonceStr) {
    return offline('credentials differ from the last successful wx.config')
  }
  if (!v.granted.has(name))
    return { errMsg: `${prefix}:fail_no permission to execute`, reason: `${name} is not in wx.config jsApiList` }
  return null
}
