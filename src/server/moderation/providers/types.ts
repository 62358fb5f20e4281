/** pass: publishable · review: a person decides · block: nobody but the author sees it. */
export type Outcome = 'pass' | 'review' | 'block'

/** Why a check said what it said; stored with the comment for the operator. */
export interface CheckReason {
  /** `words` (the local list) or the provider's name. */
  source: string
  level: Outcome
  /** The matched word, or the provider's label (e.g. `Polity`, `Ad`, `20002`). */
  label: string
}

/** What is being checked, so a provider can pick its scene and attribute the text. */
export interface TextToCheck {
  text: string
  /** comment: a follower's 留言 · reply: the account's reply · post: article text · other: any free text. */
  kind: 'comment' | 'reply' | 'post' | 'other'
  /** The follower who wrote it, when there is one (some providers want a user id). */
  openid?: string
}

/**
 * A cloud moderation service. Implementations answer with their verdict or throw; the pipeline
 * treats a throw or a timeout as "review", so an outage sends text to a person rather than
 * letting it through or blocking an honest reader.
 */
export interface ModerationProvider {
  name: string
  check: (input: TextToCheck) => Promise<{ outcome: Outcome, reasons: CheckReason[] }>
}
