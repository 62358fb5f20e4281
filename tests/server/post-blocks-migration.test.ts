import { describe, expect, it } from 'vitest'
import { migrate, readMigrations } from '../../src/server/db/migrate.ts'
import { openPglite } from '../../src/server/db/open-pglite.ts'

describe('migration 0020: article texts become blocks', () => {
  it('turns preview and premium body into paragraphs around a paywall block, embeds into poll/quiz blocks, and drops the texts', async () => {
    const database = await openPglite(null)
    try {
      const all = readMigrations()
      const at = all.findIndex(m => m.version.startsWith('0020_'))
      await migrate(database, all.slice(0, at))
      await database.withAdvisoryLock(1, tx => tx.exec(`INSERT INTO articles (id, title, is_premium, preview, premium_body, published_at) VALUES
        ('free', 'Free', FALSE, E'第一段\\n第二行\\n\\n[[poll:weekly]]\\n\\n  \\n\\n[[quiz:intro]]', NULL, now()),
        ('paid', 'Paid', TRUE, E'试读', E'全文一\\n\\n全文二', now())`))
      await migrate(database, all.slice(0, at + 1))
      const rows = await database.withAdvisoryLock(1, tx => tx.query<{ id: string, blocks: unknown[], status: string }>(`SELECT id, blocks, status FROM articles ORDER BY id`))
      expect(rows).toEqual([
        { id: 'free', status: 'published', blocks: [
          { type: 'paragraph', runs: [{ text: '第一段\n第二行' }] },
          { type: 'poll', pollId: 'weekly' },
          { type: 'quiz', quizId: 'intro' },
        ] },
        { id: 'paid', status: 'published', blocks: [
          { type: 'paragraph', runs: [{ text: '试读' }] },
          { type: 'paywall' },
          { type: 'paragraph', runs: [{ text: '全文一' }] },
          { type: 'paragraph', runs: [{ text: '全文二' }] },
        ] },
      ])
      const columns = await database.withAdvisoryLock(1, tx => tx.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'`))
      expect(columns.map(c => c.column_name)).not.toContain('premium_body')
      expect(columns.map(c => c.column_name)).not.toContain('preview')
    }
    finally {
      await database.close()
    }
  }, 120_000)
})
