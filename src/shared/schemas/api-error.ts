import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/**
 * Every `error.code` the API can answer, each documented once. The server's `ApiError` and the
 * SPA's `HttpError` are typed with this union, so a new code is added here or does not compile.
 */
export const API_ERROR_CODES = {
  // Requests the framework refuses before a route runs.
  BAD_REQUEST: 'Malformed request: undecodable URL, bad Content-Length, unparsable HTTP',
  HEADERS_TOO_LARGE: 'Request headers exceed the server limit (431)',
  VALIDATION_FAILED: 'Body, query or path does not match the route\'s schema',
  INVALID_JSON: 'Body is not valid JSON, or empty where JSON is required',
  UNSUPPORTED_MEDIA_TYPE: 'Body is not application/json',
  BODY_TOO_LARGE: 'Body exceeds the size limit (413)',
  NOT_FOUND: 'No such route or resource',
  METHOD_NOT_ALLOWED: 'Route exists, method does not',
  RATE_LIMITED: 'Too many requests from this client; retry after the Retry-After header',
  // Identity.
  UNAUTHORIZED: 'Sign in first (401), or a missing/wrong admin token',
  FORBIDDEN: 'Signed in but not allowed',
  SNAPSHOT_USER: 'Snapshot-mode ("virtual") WeChat visitor: open the full page to act',
  URL_INVALID: 'JS-SDK signing: the url is not an absolute http(s) URL',
  URL_NOT_ALLOWED: 'JS-SDK signing: the url\'s host is not this site\'s',
  // Content and catalogue.
  ARTICLE_NOT_FOUND: 'No published article with this id',
  PRODUCT_NOT_FOUND: 'No such product, or it is not for sale',
  FIELD_NOT_APPLICABLE: 'Admin product edit: the field does not apply to this product kind',
  TIP_BOUNDS_INVALID: 'Admin product edit: tip presets fall outside the minimum and maximum',
  // Orders and payments.
  PAY_NOT_CONFIGURED: 'This deployment has no WeChat Pay merchant configured',
  ARTICLE_REQUIRED: 'The product (a tip or single unlock) needs an articleId',
  ARTICLE_MISMATCH: 'The unlock product belongs to another article',
  AMOUNT_REQUIRED: 'A tip needs an amount',
  AMOUNT_OUT_OF_RANGE: 'The tip amount is outside the product\'s bounds',
  ALREADY_ENTITLED: 'The reader already has what this product grants',
  ALREADY_PAID: 'A replaced order turned out to be paid; refresh instead of paying again',
  ORDER_NOT_PAID: 'Refund asked for an order that is not paid',
  NOT_CLOSABLE: 'The order can no longer be closed',
  REFUND_REJECTED: 'WeChat Pay refused the refund',
  REFUND_EXCEEDS_REMAINING: 'Admin refund: more than what remains refundable on the order',
  // Polls and quizzes.
  NOT_ELIGIBLE: 'The poll is for followers or members, and this reader is not one',
  ALREADY_VOTED: 'This follower already voted in this poll (today, for a daily poll)',
  POLL_CLOSED: 'The poll is closed or not open yet',
  UNKNOWN_OPTION: 'An option id that the poll or question does not have',
  DUPLICATE_OPTION: 'The same option chosen twice',
  TOO_MANY_CHOICES: 'More options than the poll\'s maxChoices, or several on a single-choice question',
  RESULTS_HIDDEN: 'The poll shows results only after voting or after it closes',
  NO_ATTEMPTS_LEFT: 'Every attempt this quiz allows has been used',
  NOT_STARTED: 'A timed quiz must be started (POST /api/quizzes/:id/start) before submitting',
  TIME_UP: 'The timed attempt\'s limit has passed; the submission is refused',
  QUIZ_CLOSED: 'The quiz is closed or not open yet',
  UNKNOWN_QUESTION: 'A question id the quiz does not have',
  DUPLICATE_ANSWER: 'The same question answered twice in one submission',
  // Operators authoring polls and quizzes.
  INVALID_SCHEDULE: 'Admin poll/quiz: the closing time is not after the opening time',
  POLL_EXISTS: 'Admin: a poll with this id already exists',
  POLL_HAS_VOTES: 'Admin: options of a poll that has votes cannot be removed or changed',
  QUIZ_EXISTS: 'Admin: a quiz with this id already exists',
  DUPLICATE_ID: 'Admin quiz: two questions, options or outcomes share an id',
  OUTCOMES_REQUIRED: 'Admin quiz: an outcome quiz needs outcomes, and option weights that name them',
  ANSWER_KEY_INVALID: 'Admin quiz: a scored question needs right answers among its own options',
  UNKNOWN_OUTCOME: 'Admin quiz: an option weighs an outcome the quiz does not define',
  // Comments (留言) and moderation.
  COMMENT_NOT_FOUND: 'No such comment visible to this reader (others\' comments cannot be deleted: 404)',
  COMMENT_EMPTY: 'A comment with no visible text',
  COMMENT_TOO_LONG: 'A comment over 600 characters (an emoji counts as one)',
  COMMENT_LIMIT_ARTICLE: 'This follower reached the comments allowed on one article',
  COMMENT_LIMIT_HOUR: 'This follower reached the comments allowed in an hour',
  COMMENT_DUPLICATE: 'The same text from this follower within minutes',
  CLAIMED_BY_OTHER: 'Admin: another moderator has claimed this queue item',
  REASON_REQUIRED: 'Admin: a rejection needs a reason',
  REPLY_EMPTY: 'Admin: an empty reply',
  WORD_EMPTY: 'Admin: a sensitive word with no letters or digits after normalising',
  WORD_EXISTS: 'Admin: the word (after normalising) is already on the list',
  // Series and reading progress.
  SERIES_NOT_FOUND: 'No published series with this id (admin: no series with this id)',
  SERIES_EXISTS: 'Admin: a series with this id already exists',
  SERIES_PARTS_MISMATCH: 'Admin: a reorder must list every current part of the series exactly once',
  PART_IN_OTHER_SERIES: 'Admin: the post is already a part of another series; remove it there first',
  NOT_A_PART: 'Admin: the post is not a part of this series',
  COVER_NOT_FOUND: 'Admin: the cover media id names no uploaded image',
  // Operator media uploads and media files.
  MEDIA_TYPE_NOT_ALLOWED: 'Upload: the bytes are not a supported image, audio or video format (415)',
  MEDIA_TYPE_MISMATCH: 'Upload: the file name or Content-Type names another type than the bytes are (415)',
  MEDIA_TOO_LARGE: 'Upload: larger than the limit for its kind (413)',
  MEDIA_EMPTY: 'Upload: no bytes',
  MEDIA_IN_USE: 'Admin media delete: an article or series still uses it (409)',
  MEDIA_SIGNATURE_INVALID: 'Premium media without a valid signed URL (403)',
  MEDIA_LINK_EXPIRED: 'Premium media URL whose signature has expired; reload the article for a fresh one (410)',
  RANGE_NOT_SATISFIABLE: 'Media Range header outside the file (416)',
  // Posts (issue 12).
  BLOCK_INVALID: 'Admin post: a block fails a check beyond its schema (the message names the block index)',
  MEDIA_INVALID: 'Admin post: a media id that does not exist or is the wrong kind (image, audio, video)',
  ARTICLE_EXISTS: 'Admin post: an article with this id already exists',
  VERSION_CONFLICT: 'Admin post: someone saved the post after the version this edit started from; reload',
  SCHEDULE_IN_PAST: 'Admin post: publishAt must lie in the future (publish now instead)',
  POST_NOT_DRAFT: 'Admin post: only a draft can be deleted (unpublish it first)',
  POST_IN_USE: 'Admin post: orders refer to this post, so it cannot be deleted',
  // Series update notices (服务号订阅通知).
  SUBSCRIBE_NOT_CONFIGURED: 'This deployment has no subscribe-message template for series (SERIES_SUBSCRIBE_TEMPLATE_ID)',
  TEMPLATE_MISMATCH: 'The template id is not the one series notices use',
  TOO_MANY_SUBSCRIPTIONS: 'This reader follows the updates of too many series',
  // Server side.
  CONFLICT: 'The request conflicts with the current state',
  UPSTREAM_UNAVAILABLE: 'WeChat or WeChat Pay did not answer usefully; retry later',
  DATABASE_UNAVAILABLE: 'The database did not answer in time (503 with Retry-After); the server recovers by itself',
  BUSY: 'Another request for the same reader or credential holds the lock too long (503); retry',
  INTERNAL_ERROR: 'A bug or an outage on our side; details are in the server log only',
} as const

export type ApiErrorCode = keyof typeof API_ERROR_CODES

/** Every non-2xx JSON answer of the API has this shape; `code` is stable, `message` is for people. */
export const ApiErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable, machine-readable, UPPER_SNAKE_CASE: one of API_ERROR_CODES' }),
    message: Type.String(),
  }),
})
export type ApiErrorBody = Static<typeof ApiErrorBody>

/** The one place an error body is built, on every path that answers one. */
export function errorBody(code: ApiErrorCode, message: string): { error: { code: ApiErrorCode, message: string } } {
  return { error: { code, message } }
}
