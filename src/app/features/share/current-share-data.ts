import type { ComputedRef } from 'vue'
import type { Router } from 'vue-router'
import type { ShareData } from '../../platform/wechat/index.ts'
import { computed } from 'vue'
import { site } from '../../site.ts'
import { resolveShareData } from './share-data.ts'
import { useShareStore } from './share.store.ts'

/** The share card for the current route: page override, `meta.share`, then site defaults. */
export function createCurrentShareData(router: Router, origin: string): ComputedRef<ShareData> {
  const store = useShareStore()
  return computed(() => {
    const route = router.currentRoute.value
    const override = store.override?.path === route.path ? store.override.data : undefined
    return resolveShareData({ defaults: site.share, meta: route.meta.share, override, origin, fullPath: route.fullPath, shareCode: store.shareCode })
  })
}
