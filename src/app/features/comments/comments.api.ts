import type { CommentLikeResponse, CommentList, CreateCommentResponse } from '@shared/schemas/comments'
import type { Http } from '../../platform/http.ts'

const article = (id: string) => `/api/articles/${encodeURIComponent(id)}/comments`

export function listComments(http: Http, articleId: string, cursor?: string) {
  return http.get<CommentList>(cursor ? `${article(articleId)}?cursor=${encodeURIComponent(cursor)}` : article(articleId))
}
export const postComment = (http: Http, articleId: string, text: string) => http.post<CreateCommentResponse>(article(articleId), { text })
export const likeComment = (http: Http, id: number) => http.post<CommentLikeResponse>(`/api/comments/${id}/likes`)
export const unlikeComment = (http: Http, id: number) => http.delete<CommentLikeResponse>(`/api/comments/${id}/likes`)
export const deleteComment = (http: Http, id: number) => http.delete(`/api/comments/${id}`)
