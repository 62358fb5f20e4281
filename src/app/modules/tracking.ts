import type { AppModule } from '../types/app-module.ts'
import { landingChannel, loadTracker, postKeyOf, track } from '../features/analytics/index.ts'
import { useShareStore } from '../features/share/index.ts'
import { whenIdle } from '../platform/idle.ts'
import { browserPageActivity, documentReferrer } from '../platform/page-activity.ts'
import { usePlatform } from '../platform/services.ts'

/**
 * Analytics (installed after modules/platform.ts, which it uses: see modules/index.ts). Page views from the router, recorded at once; the tracker that batches and sends them
 * (reading depth, heartbeats, beacons on leaving) loads once the page is idle, off the
 * first-load path. The landing URL is read now, before `sh` leaves the address bar.
 */
export const install: AppModule = ({ app, router }) => {
  const { location } = app.runWithContext(usePlatform)
  const channel = landingChannel(location.fullPath, documentReferrer())
  router.afterEach((to, _from, failure) => {
    if (!failure)
      track('page_view', { path: to.path, articleId: postKeyOf(to) })
  })
  void router.isReady().then(() => whenIdle(() => {
    void loadTracker().then(({ startTracker }) => {
      const share = app.runWithContext(useShareStore)
      startTracker({ page: browserPageActivity(), channel, hasVisitor: () => !!share.shareCode })
    }).catch(err => console.warn('[analytics] not started:', err))
  }))
}
