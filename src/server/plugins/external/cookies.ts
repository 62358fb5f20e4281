import type { FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import fp from 'fastify-plugin'

/** Cookie parsing; the secret signs short-lived cookies such as the OAuth state. */
export const cookiesPlugin = fp<{ secret: string }>(async (app: FastifyInstance, { secret }) => {
  await app.register(cookie, { secret })
}, { name: 'cookies' })
