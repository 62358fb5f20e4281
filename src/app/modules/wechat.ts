import type { AppModule } from '../types/app-module.ts'
import { createCurrentShareData, syncWeChatWithRouter } from '../features/share/index.ts'
import { usePlatform } from '../platform/services.ts'
import { browserBridge, browserWxjsEnvironment, captureLandingUrl, createWeChat, exposeWeChatStatus, fetchJsSdkConfig, loadWeixinSdk, WECHAT } from '../platform/wechat/index.ts'

/**
 * The JS-SDK for every page: signs and configures at start and after navigations, and sets
 * each route's share data. Runs before the router starts (main.ts), so the landing URL that
 * iOS keeps signing is captured with the `code`/`sh` parameters the page landed with.
 */
export const install: AppModule = ({ app, router }) => {
  const { http, location, userAgent } = app.runWithContext(usePlatform)
  const wechat = createWeChat({
    loadSdk: loadWeixinSdk,
    fetchSignature: url => fetchJsSdkConfig(http, url),
    location,
    ua: userAgent,
    wxjsEnvironment: browserWxjsEnvironment(),
    landingUrl: captureLandingUrl(),
    bridge: browserBridge(),
  })
  app.provide(WECHAT, wechat)
  exposeWeChatStatus(wechat)
  if (!wechat.isSupported)
    return
  // The reader's WeChat 字体大小 is left to the client, which enlarges the page's text by it
  // (no `setFontSizeCallback {fontSize: 0}` pinning): older readers rely on it.
  wechat.configure().catch(() => {}) // starts loading the SDK now; failures land in wechat.lastError
  syncWeChatWithRouter(router, wechat, createCurrentShareData(router, location.origin))
}
