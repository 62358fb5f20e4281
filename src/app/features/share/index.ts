import { defineAsyncComponent } from 'vue'

export { recordLanding } from './attribution.ts'
export { createCurrentShareData } from './current-share-data.ts'
export { absoluteUrl, buildShareLink, resolveShareData, SHARER_PARAM } from './share-data.ts'
export type { ShareDefaults, ShareMeta } from './share-data.ts'
export { useShareStore } from './share.store.ts'
export { syncWeChatWithRouter } from './sync-share.ts'
export { useShareData } from './useShareData.ts'

// UI loads with the pages that use it, not with the app shell (modules/ imports this file too).
export const ShareButton = defineAsyncComponent(() => import('./ShareButton.vue'))
export const ShareGuideOverlay = defineAsyncComponent(() => import('./ShareGuideOverlay.vue'))
