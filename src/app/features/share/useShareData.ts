import type { MaybeRefOrGetter } from 'vue'
import type { ShareMeta } from './share-data.ts'
import { onActivated, onDeactivated, onUnmounted, toValue, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useWeChat } from '../../platform/wechat/index.ts'
import { useShareStore } from './share.store.ts'

/**
 * Share data that only the page knows (an article's title, a poll's question): overrides the
 * route's `meta.share` while the page is shown, including after a `<keep-alive>` return.
 */
export function useShareData(source: MaybeRefOrGetter<ShareMeta | undefined>): void {
  const store = useShareStore()
  const wechat = useWeChat()
  const path = useRoute().path
  const owner = Symbol('share override')
  let active = true

  const apply = (data: ShareMeta | undefined) => {
    if (!active)
      return
    if (data)
      store.setOverride(owner, path, { ...data })
    else
      store.clearOverride(owner)
  }
  watch(() => toValue(source), apply, { immediate: true, deep: true })
  onActivated(() => {
    active = true
    apply(toValue(source))
    // A kept-alive page coming back: make sure wx.config matches the URL now shown.
    wechat.configure().catch(() => {})
  })
  onDeactivated(() => {
    active = false
    store.clearOverride(owner)
  })
  onUnmounted(() => store.clearOverride(owner))
}
