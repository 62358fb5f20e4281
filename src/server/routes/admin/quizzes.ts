import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminQuiz, AdminQuizCreate, AdminQuizList, AdminQuizPatch, AdminQuizResults, QuizParams } from '../../../shared/schemas/quizzes.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { adminCreateQuiz, adminListQuizzes, adminQuizResults, adminSetQuizOpen, adminUpdateQuiz } from '../../quizzes/admin.ts'
import { requireAdmin } from './admin-auth.ts'
import { adminActor } from './polls.ts'

const errors = errorResponses(400, 401, 404, 409, 429)

/** Operators create, edit (key included), open and close quizzes and read their results. */
export const adminQuizzesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')

  app.get('/api/admin/quizzes', { schema: { response: { 200: AdminQuizList, ...errors } } }, async () => ({ quizzes: await adminListQuizzes(app.quizzes) }))

  app.post('/api/admin/quizzes', {
    schema: { body: AdminQuizCreate, response: { 201: AdminQuiz, ...errors } },
  }, async (request, reply) => reply.status(201).send(await adminCreateQuiz(app.quizzes, adminActor(request), request.body)))

  app.patch('/api/admin/quizzes/:id', {
    schema: { params: QuizParams, body: AdminQuizPatch, response: { 200: AdminQuiz, ...errors } },
  }, async request => adminUpdateQuiz(app.quizzes, adminActor(request), request.params.id, request.body))

  app.post('/api/admin/quizzes/:id/open', {
    schema: { params: QuizParams, response: { 200: AdminQuiz, ...errors } },
  }, async request => adminSetQuizOpen(app.quizzes, adminActor(request), request.params.id, true))

  app.post('/api/admin/quizzes/:id/close', {
    schema: { params: QuizParams, response: { 200: AdminQuiz, ...errors } },
  }, async request => adminSetQuizOpen(app.quizzes, adminActor(request), request.params.id, false))

  app.get('/api/admin/quizzes/:id/results', {
    schema: { params: QuizParams, response: { 200: AdminQuizResults, ...errors } },
  }, async request => adminQuizResults(app.quizzes, request.params.id))
}
