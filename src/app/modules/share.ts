import type { AppModule } from '../types/app-module.ts'
import { inject } from 'vue'
import { recordLanding } from '../features/share/index.ts'
import { usePlatform } from '../platform/services.ts'
import { WECHAT } from '../platform/wechat/index.ts'

/** How long the address bar keeps `sh` at most while the first wx.config is in flight. */
const CONFIG_WAIT_MS = 5000

/** One share visit per landing (with the sharer from `?sh=`), then `sh` leaves the address bar. */
export const install: AppModule = ({ app, router }) => {
  const { http } = app.runWithContext(usePlatform)
  // modules/wechat.ts installs after this one; by the time the landing is recorded it is there.
  const firstConfig = () => {
    const wechat = app.runWithContext(() => inject(WECHAT, null))
    if (!wechat?.isSupported)
      return Promise.resolve()
    return Promise.race([wechat.ready().catch(() => {}), new Promise(resolve => setTimeout(resolve, CONFIG_WAIT_MS))])
  }
  recordLanding(router, http, firstConfig).catch(err => console.warn('[share] landing not recorded:', err))
}
