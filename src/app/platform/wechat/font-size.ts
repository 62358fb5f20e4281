import type { WeixinJSBridgeLike } from './types.ts'

interface BridgeHost { WeixinJSBridge?: WeixinJSBridgeLike }

/**
 * Android WeChat scales the page's text by the user's own WeChat font-size setting, which
 * breaks layouts designed at 375 px (iOS honours `text-size-adjust` in base.css instead).
 * `setFontSizeCallback {fontSize:0}` pins the page to the standard size, and the client
 * fires `menu:setfont` when the user changes the setting from the ··· menu, so we re-apply.
 */
export function pinAndroidFontSize(host: BridgeHost = window as BridgeHost, doc: Pick<Document, 'addEventListener'> = document): void {
  const apply = () => {
    const bridge = host.WeixinJSBridge
    if (!bridge)
      return
    const reset = () => bridge.invoke('setFontSizeCallback', { fontSize: 0 })
    reset()
    bridge.on('menu:setfont', reset)
  }
  if (host.WeixinJSBridge)
    apply()
  else
    doc.addEventListener('WeixinJSBridgeReady', apply, { once: true })
}
