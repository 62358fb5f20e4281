import type { ArticleDetail, ArticleList } from '@shared/schemas/articles.ts'
import type { Http } from '../../platform/http.ts'

/** The premium body is in the answer only for entitled readers (membership or unlock). */
export const getArticle = (http: Http, id: string) => http.get<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`)
export const listArticles = (http: Http) => http.get<ArticleList>('/api/articles')
