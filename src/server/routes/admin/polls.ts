import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { AuditActor } from '../../audit/audit-log.ts'
import { AdminPoll, AdminPollCreate, AdminPollList, AdminPollPatch, AdminPollResults, PollParams } from '../../../shared/schemas/polls.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { adminCreatePoll, adminListPolls, adminPollResults, adminSetPollOpen, adminUpdatePoll } from '../../polls/admin.ts'
import { requireAdmin } from './admin-auth.ts'

const errors = errorResponses(400, 401, 404, 409, 429)

export const adminActor = (request: FastifyRequest): AuditActor => ({ actor: 'admin-token', ip: request.ip })

/** Operators create, edit, open and close polls and read results with votes by referrer. */
export const adminPollsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')

  app.get('/api/admin/polls', { schema: { response: { 200: AdminPollList, ...errors } } }, async () => ({ polls: await adminListPolls(app.polls) }))

  app.post('/api/admin/polls', {
    schema: { body: AdminPollCreate, response: { 201: AdminPoll, ...errors } },
  }, async (request, reply) => reply.status(201).send(await adminCreatePoll(app.polls, adminActor(request), request.body)))

  app.patch('/api/admin/polls/:id', {
    schema: { params: PollParams, body: AdminPollPatch, response: { 200: AdminPoll, ...errors } },
  }, async request => adminUpdatePoll(app.polls, adminActor(request), request.params.id, request.body))

  app.post('/api/admin/polls/:id/open', {
    schema: { params: PollParams, response: { 200: AdminPoll, ...errors } },
  }, async request => adminSetPollOpen(app.polls, adminActor(request), request.params.id, true))

  app.post('/api/admin/polls/:id/close', {
    schema: { params: PollParams, response: { 200: AdminPoll, ...errors } },
  }, async request => adminSetPollOpen(app.polls, adminActor(request), request.params.id, false))

  app.get('/api/admin/polls/:id/results', {
    schema: { params: PollParams, response: { 200: AdminPollResults, ...errors } },
  }, async request => adminPollResults(app.polls, request.params.id))
}
