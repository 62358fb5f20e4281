import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PollParams, PollView, VoteBody, VoteResponse } from '../../../shared/schemas/polls.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { VISITOR_COOKIE } from '../../plugins/app/session.ts'
import { castVote, readPoll } from '../../polls/service.ts'

const errors = errorResponses(400, 401, 403, 404, 409, 429)

/** GET /api/polls/:id (counts when the poll's rule allows) and POST /api/polls/:id/votes. */
export const pollsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/polls/:id', {
    config: { cacheControl: 'no-store' },
    schema: { params: PollParams, response: { 200: PollView, ...errors } },
  }, async (request) => {
    return readPoll(app.polls, request.params.id, await request.currentUser())
  })

  app.post('/api/polls/:id/votes', {
    config: { cacheControl: 'no-store' },
    schema: { params: PollParams, body: VoteBody, response: { 201: VoteResponse, ...errors } },
  }, async (request, reply) => {
    const vote = await castVote(app.polls, {
      pollId: request.params.id,
      user: await request.currentUser(),
      optionIds: request.body.optionIds,
      visitorToken: request.cookies[VISITOR_COOKIE],
    })
    return reply.status(201).send(vote)
  })
}
