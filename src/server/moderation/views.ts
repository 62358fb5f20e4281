// Word-list rows as the operator API shows them.
import type { ModerationWord } from '../../shared/schemas/moderation.ts'
import type { WordRow } from '../db/queries/moderation.ts'

export function wordView(w: WordRow): ModerationWord {
  return { id: w.id, word: w.word, level: w.level, createdAt: w.createdAt.toISOString() }
}
