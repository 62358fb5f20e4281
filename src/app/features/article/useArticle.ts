import type { ArticleView } from '@shared/schemas/articles.ts'
import type { MaybeRefOrGetter } from 'vue'
import { ref, toValue, watch } from 'vue'
import { HttpError } from '../../platform/http.ts'
import { usePlatform } from '../../platform/services.ts'
import { getArticle } from './article.api.ts'

export type ArticleStatus = 'loading' | 'ready' | 'not-found' | 'error'

/**
 * One article. `refresh()` asks again without going back to the skeleton, so premium blocks unlocked by a
 * payment appear in place, below the preview the reader is looking at.
 */
export function useArticle(id: MaybeRefOrGetter<string>) {
  const { http } = usePlatform()
  const article = ref<ArticleView | null>(null)
  const status = ref<ArticleStatus>('loading')

  async function fetchInto(articleId: string) {
    try {
      const detail = await getArticle(http, articleId)
      if (articleId !== toValue(id))
        return
      article.value = detail
      status.value = 'ready'
    }
    catch (err) {
      if (articleId !== toValue(id) || status.value === 'ready')
        throw err
      status.value = err instanceof HttpError && err.status === 404 ? 'not-found' : 'error'
    }
  }

  async function load() {
    status.value = 'loading'
    article.value = null
    await fetchInto(toValue(id)).catch(() => {})
  }

  const refresh = () => fetchInto(toValue(id))

  watch(() => toValue(id), load, { immediate: true })
  return { article, status, load, refresh }
}
