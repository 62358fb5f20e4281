// Name tables of weixin-js-sdk 1.6.5 (protocol.md §4.3 mapping table, §4.6 reply normalisation).
// The bridge speaks bridge names; the dev panel shows what the app sees, so both directions live here.

/** JS API name → bridge name, copied from the SDK's table `a` (§4.3). Everything else is unchanged. */
export const JS_TO_BRIDGE: Readonly<Record<string, string>> = {
  config: 'preVerifyJSAPI',
  onMenuShareTimeline: 'menu:share:timeline',
  onMenuShareAppMessage: 'menu:share:appmessage',
  onMenuShareQQ: 'menu:share:qq',
  onMenuShareWeibo: 'menu:share:weiboApp',
  onMenuShareQZone: 'menu:share:QZone',
  previewImage: 'imagePreview',
  getLocation: 'geoLocation',
  openProductSpecificView: 'openProductViewWithPid',
  addCard: 'batchAddCard',
  openCard: 'batchViewCard',
  chooseWXPay: 'getBrandWCPayRequest',
  openEnterpriseRedPacket: 'getRecevieBizHongBaoRequest',
  startSearchBeacons: 'startMonitoringBeacons',
  stopSearchBeacons: 'stopMonitoringBeacons',
  onSearchBeacons: 'onBeaconsInRange',
  consumeAndShareCard: 'consumedShareCard',
  openAddress: 'editAddress',
}

const BRIDGE_TO_JS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(JS_TO_BRIDGE).map(([js, bridge]) => [bridge, js]),
)

export function jsNameOf(bridgeName: string): string {
  return BRIDGE_TO_JS[bridgeName] ?? bridgeName
}

/**
 * The real client prefixes some replies with a legacy snake-case name instead of the invoked
 * name (§4.5: `get_brand_wcpay_request:ok`, §4.7: `network_type:wifi`). The SDK ignores the
 * prefix, but apps calling the bridge directly compare whole strings, so we reproduce it.
 */
const REPLY_PREFIX: Readonly<Record<string, string>> = {
  getBrandWCPayRequest: 'get_brand_wcpay_request',
  getNetworkType: 'network_type',
}

export function replyPrefix(bridgeName: string): string {
  return REPLY_PREFIX[bridgeName] ?? bridgeName
}

/**
 * The errMsg the app would see through the SDK for a wire reply: a port of `V()` (§4.6),
 * used only for display (dev panel, `__wxsim.lastConfig.result`).
 */
export function appErrMsg(bridgeName: string, errMsg: string): string {
  const name = jsNameOf(bridgeName)
  let s = 'ok'
  if (errMsg) {
    s = errMsg.substring(errMsg.indexOf(':') + 1)
    if (s === 'confirm')
      s = 'ok'
    if (s === 'failed')
      s = 'fail'
    if (s.includes('failed_'))
      s = s.substring(7)
    else if (s.includes('fail_'))
      s = s.substring(5)
    s = s.replace(/_/g, ' ').toLowerCase()
    if (s === 'access denied' || s === 'no permission to execute')
      s = 'permission denied'
    if (name === 'config' && s === 'function not exist')
      s = 'ok'
    if (s === '')
      s = 'fail'
  }
  return `${name}:${s}`
}
