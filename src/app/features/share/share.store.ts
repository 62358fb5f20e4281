import type { ShareMeta } from './share-data.ts'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'

interface ShareOverride {
  owner: symbol
  /** The route path the page was rendered for: a page leaving never colours the next one. */
  path: string
  data: ShareMeta
}

export const useShareStore = defineStore('share', () => {
  /** This visitor's own sharer code (from POST /api/share/visits), put into the links they share. */
  const shareCode = ref<string | null>(null)
  const override = shallowRef<ShareOverride | null>(null)

  function setOverride(owner: symbol, path: string, data: ShareMeta) {
    override.value = { owner, path, data }
  }
  function clearOverride(owner: symbol) {
    if (override.value?.owner === owner)
      override.value = null
  }
  return { shareCode, override, setOverride, clearOverride }
})
