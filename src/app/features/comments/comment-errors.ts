import { HttpError } from '../../platform/http.ts'

const MESSAGES: Record<string, string> = {
  COMMENT_EMPTY: '先写点什么吧',
  COMMENT_TOO_LONG: '留言最多 600 字',
  COMMENT_LIMIT_ARTICLE: '这篇文章你已经留言 5 条了，删掉一条再写吧',
  COMMENT_LIMIT_HOUR: '留言太频繁了，请一小时后再试',
  COMMENT_DUPLICATE: '刚刚已经发过相同的留言了',
  COMMENT_NOT_FOUND: '这条留言已不存在',
  ARTICLE_NOT_FOUND: '文章不存在或已被删除',
  SNAPSHOT_USER: '当前为预览模式，请点击屏幕下方「使用完整服务」后再操作',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  NETWORK_ERROR: '网络不太稳定，请稍后重试',
}

/** Calm Chinese copy for what the comment endpoints answer. */
export function commentErrorText(err: unknown): string {
  if (err instanceof HttpError)
    return MESSAGES[err.code] ?? '出了点问题，请稍后重试'
  return '出了点问题，请稍后重试'
}
