import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AttemptBody, AttemptResult, QuizParams, QuizStart, QuizView } from '../../../shared/schemas/quizzes.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { VISITOR_COOKIE } from '../../plugins/app/session.ts'
import { readQuiz, startQuiz, submitQuiz } from '../../quizzes/service.ts'

const errors = errorResponses(400, 401, 403, 404, 409, 429)

/** GET /api/quizzes/:id (no key), POST …/start (server-stamped start) and POST …/attempts (server-side scoring). */
export const quizzesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/quizzes/:id', {
    config: { cacheControl: 'no-store' },
    schema: { params: QuizParams, response: { 200: QuizView, ...errors } },
  }, async (request) => {
    return readQuiz(app.quizzes, request.params.id, await request.currentUser())
  })

  app.post('/api/quizzes/:id/start', {
    config: { cacheControl: 'no-store' },
    schema: { params: QuizParams, response: { 201: QuizStart, ...errors } },
  }, async (request, reply) => {
    const started = await startQuiz(app.quizzes, request.params.id, await request.currentUser(), request.cookies[VISITOR_COOKIE])
    return reply.status(201).send(started)
  })

  app.post('/api/quizzes/:id/attempts', {
    config: { cacheControl: 'no-store' },
    schema: { params: QuizParams, body: AttemptBody, response: { 201: AttemptResult, ...errors } },
  }, async (request, reply) => {
    const result = await submitQuiz(app.quizzes, request.params.id, await request.currentUser(), request.body.answers, request.cookies[VISITOR_COOKIE])
    return reply.status(201).send(result)
  })
}
