/**
 * How much one follower may write. Honest readers never meet these; a script does at once.
 * Deleted comments count towards the hourly limit, so delete-and-repost cannot get round it.
 */
export const COMMENT_LIMITS = {
  /** Comments (not deleted) by one follower on one article. */
  perArticle: 5,
  /** Comments by one follower in the last hour, on any article. */
  perHour: 10,
  /** The same text (ignoring width, case and spacing) from one follower within this window is refused. */
  duplicateWindowMs: 10 * 60_000,
}
