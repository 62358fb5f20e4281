import type { FastifyInstance } from 'fastify'
import type { QuizContext } from './service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    quizzes: QuizContext
  }
}

export function registerQuizzes(app: FastifyInstance): void {
  app.decorate('quizzes', { db: app.database.db, now: app.clock.date, hooks: app.engagement } satisfies QuizContext)
}
