import type { ArticleTips } from '@shared/schemas/articles.ts'
import type { Http } from '../../platform/http.ts'

/** "N 人赞赏": distinct people with a paid tip, latest first, and whether the reader is one. */
export const getTips = (http: Http, articleId: string) => http.get<ArticleTips>(`/api/articles/${encodeURIComponent(articleId)}/tips`)
