import type { FastifyInstance } from 'fastify'
import type { QuizContext } from './service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    quizzes: QuizContext
  }
}

export function registerQuizzes(app: FastifyInstance, o: { now?: () => number } = {}): void {
  const now = o.now ?? Date.now
  app.decorate('quizzes', { db: app.database.db, now: () => new Date(now()), hooks: app.engagement } satisfies QuizContext)
}
