import type { FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'

/** Cookie parsing; the secret signs short-lived cookies such as the OAuth state. */
export async function registerCookies(app: FastifyInstance, secret: string): Promise<void> {
  await app.register(cookie, { secret })
}
