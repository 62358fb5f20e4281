import type { FastifyInstance } from 'fastify'
import type { QuizContext } from './service.ts'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    quizzes: QuizContext
  }
}

export const quizzesPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('quizzes', { db: app.database.db, now: app.clock.date, hooks: app.engagement } satisfies QuizContext)
}, { name: 'quizzes', dependencies: ['clock', 'engagement'] })
