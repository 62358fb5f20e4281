import type { Router } from 'vue-router'
import type { Http } from '../../platform/http.ts'
import { SHARER_PARAM } from './share-data.ts'
import { postShareVisit } from './share.api.ts'
import { useShareStore } from './share.store.ts'

const SHARER_CODE = /^[\w-]{4,32}$/

/**
 * On landing: records one visit (with the sharer when the link carried `sh`), keeps this
 * visitor's own share code, then removes `sh` from the address bar so that a reload, a
 * sign-in round trip or a re-share does not count the open again.
 *
 * The removal is a `router.replace` (history.replaceState underneath, keeping vue-router's
 * own state in step). It does not break signatures: iOS keeps signing the landing URL, which
 * still has `sh`, and on Android the navigation re-signs the new current URL (sync-share.ts).
 * `beforeStrip` lets the first wx.config finish first: Android WeChat verifies the URL the page
 * has when it checks, so changing it under an in-flight config would fail that config.
 */
export async function recordLanding(router: Router, http: Http, beforeStrip: () => Promise<unknown> = async () => {}): Promise<void> {
  await router.isReady()
  const route = router.currentRoute.value
  const raw = route.query[SHARER_PARAM]
  const sharer = typeof raw === 'string' && SHARER_CODE.test(raw) ? raw : undefined
  const store = useShareStore()
  try {
    const visit = await postShareVisit(http, { path: route.path, ...(sharer ? { sharer } : {}) })
    store.shareCode = visit.shareCode
  }
  catch (err) {
    console.warn('[share] visit not recorded:', err instanceof Error ? err.message : err)
  }
  if (raw !== undefined)
    await beforeStrip()
  if (raw !== undefined && router.currentRoute.value.path === route.path) {
    const { [SHARER_PARAM]: _removed, ...query } = router.currentRoute.value.query
    await router.replace({ path: route.path, query, hash: route.hash })
  }
}
