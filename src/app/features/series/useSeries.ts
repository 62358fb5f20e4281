import type { SeriesDetail } from '@shared/schemas/series.ts'
import type { MaybeRefOrGetter } from 'vue'
import { ref, toValue, watch } from 'vue'
import { HttpError } from '../../platform/http.ts'
import { usePlatform } from '../../platform/services.ts'
import { getSeries } from './series.api.ts'

export type SeriesStatus = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/** One series; `lazy` waits for `load()` (the table of contents on a part asks only when opened). */
export function useSeries(id: MaybeRefOrGetter<string | undefined>, { lazy = false } = {}) {
  const { http } = usePlatform()
  const series = ref<SeriesDetail | null>(null)
  const status = ref<SeriesStatus>('idle')

  async function fetchInto(seriesId: string) {
    try {
      const detail = await getSeries(http, seriesId)
      if (seriesId === toValue(id)) {
        series.value = detail
        status.value = 'ready'
      }
    }
    catch (err) {
      if (seriesId === toValue(id) && status.value !== 'ready')
        status.value = err instanceof HttpError && err.status === 404 ? 'not-found' : 'error'
    }
  }

  async function load() {
    const seriesId = toValue(id)
    if (!seriesId)
      return
    status.value = 'loading'
    series.value = null
    await fetchInto(seriesId)
  }

  /** Again, without the skeleton (after a purchase). */
  const refresh = async () => {
    const seriesId = toValue(id)
    if (seriesId)
      await fetchInto(seriesId)
  }

  watch(() => toValue(id), (_now, before) => {
    if (!lazy || (before !== undefined && status.value !== 'idle'))
      void load()
  }, { immediate: true })
  return { series, status, load, refresh }
}
