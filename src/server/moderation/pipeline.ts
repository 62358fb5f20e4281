import type { Db } from '../db/database.ts'
import type { CheckReason, ModerationProvider, Outcome, TextToCheck } from './providers/types.ts'
import type { WordMatcher } from './word-matcher.ts'
import { listWords, wordListVersion } from '../db/queries/moderation.ts'
import { buildMatcher } from './word-matcher.ts'

export interface CheckResult {
  outcome: Outcome
  reasons: CheckReason[]
}

const RANK: Record<Outcome, number> = { pass: 0, review: 1, block: 2 }
const stricter = (a: Outcome, b: Outcome) => RANK[a] >= RANK[b] ? a : b

export interface PipelineDeps {
  db: Db
  /** The configured cloud service, or null (the default: the local word list only). */
  provider: ModerationProvider | null
  log?: { warn: (obj: object, msg: string) => void }
}

/**
 * The automatic check every free text goes through: the operator's word list, then the cloud
 * provider if one is configured. Other features call `check` for their own free text; for text
 * the operator writes (articles, replies) treat anything but "pass" as a warning to show, not a
 * refusal. Never call it inside a transaction: the provider is a network call.
 */
export function createModeration(deps: PipelineDeps) {
  let cached: { version: string, matcher: WordMatcher } | null = null

  /** The word list, rebuilt only when it changed (another instance may have edited it). */
  async function matcher(): Promise<WordMatcher> {
    const version = await wordListVersion(deps.db)
    if (cached?.version !== version)
      cached = { version, matcher: buildMatcher(await listWords(deps.db)) }
    return cached.matcher
  }

  async function check(input: TextToCheck): Promise<CheckResult> {
    const reasons: CheckReason[] = (await matcher()).find(input.text).map(m => ({ source: 'words', level: m.level, label: m.word }))
    let outcome = reasons.reduce<Outcome>((o, r) => stricter(o, r.level), 'pass')
    // A listed block word settles it; the cloud service is asked only when it could change the outcome.
    if (outcome !== 'block' && deps.provider) {
      try {
        const verdict = await deps.provider.check(input)
        outcome = stricter(outcome, verdict.outcome)
        reasons.push(...verdict.reasons)
      }
      catch (e) {
        deps.log?.warn({ err: e, provider: deps.provider.name }, 'moderation provider failed; sending the text to review')
        outcome = stricter(outcome, 'review')
        reasons.push({ source: deps.provider.name, level: 'review', label: 'provider-unavailable' })
      }
    }
    return { outcome, reasons }
  }

  return { check }
}

export type Moderation = ReturnType<typeof createModeration>
