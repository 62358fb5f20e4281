import type { Ref } from 'vue'
import type { Router } from 'vue-router'
import type { ShareData, WeChat } from '../../platform/wechat/index.ts'
import { watch } from 'vue'

/**
 * After every navigation: re-sign if the URL to sign changed (Android signs the current URL,
 * iOS the landing URL, protocol.md §3.2), then set the route's share data for friends and
 * Moments. Share data that changes later (a page's title loads, the sharer code arrives) is
 * set again.
 */
export function syncWeChatWithRouter(router: Router, wechat: WeChat, shareData: Ref<ShareData>): void {
  if (!wechat.isSupported)
    return
  let applied = ''
  async function applyShare() {
    try {
      await wechat.ready()
      const data = shareData.value
      const key = `${wechat.status.signedUrl}\n${JSON.stringify(data)}`
      if (key === applied)
        return
      applied = key
      await wechat.share(data)
    }
    catch (err) {
      applied = ''
      console.warn('[wechat] share data not set:', err instanceof Error ? err.message : err)
    }
  }
  router.afterEach((_to, _from, failure) => {
    if (failure)
      return
    wechat.configure().catch(() => {}) // reported by the adapter (lastError, console)
    void applyShare()
  })
  watch(shareData, () => void applyShare())
}
