import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { PollResults } from '../../../shared/schemas/polls.ts'
import { PollParams } from '../../../shared/schemas/polls.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { readLiveResults } from '../../polls/service.ts'

/** Browsers reconnect after this (plus jitter, so thousands of watchers do not return at once). */
const RETRY_MS = 3000

/**
 * GET /api/polls/:id/live: Server-Sent Events, an event `results` with `{voters, options}` now
 * and whenever the counts change. The reply is hijacked: the stream is written straight to
 * the socket, so compression never buffers it, and it holds no database connection.
 */
export const pollLiveRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/polls/:id/live', {
    schema: { params: PollParams, response: errorResponses(400, 403, 404, 429) },
  }, async (request, reply) => {
    const pollId = request.params.id
    const initial = await readLiveResults(app.polls, pollId, await request.currentUser())

    reply.hijack()
    const res = reply.raw
    // Headers other hooks set (security headers, rate-limit counters) still go out.
    const inherited = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined)) as Record<string, string>
    res.writeHead(200, {
      ...inherited,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // Reverse proxies (nginx) must pass events through as they come.
      'x-accel-buffering': 'no',
      'connection': 'keep-alive',
    })
    request.raw.socket.setNoDelay(true)
    let last = ''
    const send = (results: PollResults) => {
      const data = JSON.stringify(results)
      if (data === last || res.writableEnded)
        return
      last = data
      res.write(`event: results\ndata: ${data}\n\n`)
    }
    res.write(`retry: ${RETRY_MS + Math.floor(Math.random() * RETRY_MS)}\n\n`)
    send(initial)
    const stop = app.polls.hub.watch(pollId, {
      send,
      heartbeat: () => {
        if (!res.writableEnded)
          res.write(': ping\n\n')
      },
      end: () => {
        if (!res.writableEnded)
          res.end()
      },
    })
    res.on('close', stop)
  })
}
