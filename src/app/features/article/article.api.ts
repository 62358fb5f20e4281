import type { ArticleList, ArticleView } from '@shared/schemas/articles.ts'
import type { Http } from '../../platform/http.ts'

/** Blocks after the paywall break are in the answer only for entitled readers (membership or unlock). */
export const getArticle = (http: Http, id: string) => http.get<ArticleView>(`/api/articles/${encodeURIComponent(id)}`)
export const listArticles = (http: Http) => http.get<ArticleList>('/api/articles')
