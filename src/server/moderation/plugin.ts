import type { FastifyInstance } from 'fastify'
import type { Moderation } from './pipeline.ts'
import type { ModerationProvider } from './providers/types.ts'
import fp from 'fastify-plugin'
import { createModeration } from './pipeline.ts'
import { tencentTmsProvider } from './providers/tencent-tms.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The automatic text check (word list + optional cloud provider); see moderation/README.md. */
    moderation: Moderation
  }
}

/** `fetch` is injected so tests answer for the cloud provider; it is never the real internet in tests. */
export const moderationPlugin = fp<{ fetch: typeof globalThis.fetch }>(async (app: FastifyInstance, { fetch }) => {
  const c = app.config.moderation ?? { provider: 'none' }
  const provider: ModerationProvider | null = c.provider === 'tencent' ? tencentTmsProvider(c.tencent, fetch) : null
  app.decorate('moderation', createModeration({ db: app.database.db, provider, log: app.log }))
}, { name: 'moderation' })
