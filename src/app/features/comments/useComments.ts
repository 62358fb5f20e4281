import type { CommentView } from '@shared/schemas/comments'
import type { Ref } from 'vue'
import { usePlatform } from '../../platform/services.ts'
import { deleteComment, likeComment, listComments, postComment, unlikeComment } from './comments.api.ts'

export type CommentsStatus = 'loading' | 'ready' | 'error'

/** The comments under one article: the reader's own waiting ones first, then the approved ones. */
export function useComments(articleId: Ref<string>) {
  const { http } = usePlatform()
  const comments = ref<CommentView[]>([])
  const nextCursor = ref<string | undefined>()
  const status = ref<CommentsStatus>('loading')
  const loadingMore = ref(false)

  async function load() {
    status.value = 'loading'
    try {
      const page = await listComments(http, articleId.value)
      comments.value = page.comments
      nextCursor.value = page.nextCursor
      status.value = 'ready'
    }
    catch {
      status.value = 'error'
    }
  }

  async function loadMore() {
    if (!nextCursor.value || loadingMore.value)
      return
    loadingMore.value = true
    try {
      const page = await listComments(http, articleId.value, nextCursor.value)
      const seen = new Set(comments.value.map(c => c.id))
      comments.value.push(...page.comments.filter(c => !seen.has(c.id)))
      nextCursor.value = page.nextCursor
    }
    finally {
      loadingMore.value = false
    }
  }

  /** Posts and shows the new comment at the top (as 审核中 until it is approved). */
  async function add(text: string): Promise<CommentView> {
    const { comment } = await postComment(http, articleId.value, text)
    comments.value.unshift(comment)
    return comment
  }

  /** Optimistic: the heart changes at once and goes back if the server says no. */
  async function toggleLike(id: number) {
    const c = comments.value.find(x => x.id === id)
    if (!c)
      return
    const liked = !c.likedByMe
    c.likedByMe = liked
    c.likes += liked ? 1 : -1
    try {
      const res = liked ? await likeComment(http, id) : await unlikeComment(http, id)
      c.likes = res.likes
      c.likedByMe = res.likedByMe
    }
    catch (err) {
      c.likedByMe = !liked
      c.likes += liked ? -1 : 1
      throw err
    }
  }

  async function remove(id: number) {
    await deleteComment(http, id)
    comments.value = comments.value.filter(c => c.id !== id)
  }

  watch(articleId, load)
  /** The first page; actions resumed after sign-in wait for it, since they act on its comments. */
  const loaded = load()
  return { comments, nextCursor, status, loadingMore, loaded, load, loadMore, add, toggleLike, remove }
}
