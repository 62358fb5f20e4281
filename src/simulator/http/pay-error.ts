// WeChat Pay APIv3 error bodies: {"code","message","detail"?} (protocol §5.2).
import type { FastifyReply } from 'fastify'

export interface PayErrorDetail { field?: string, value?: unknown, issue?: string, location?: string }

export function sendPayError(reply: FastifyReply, status: number, code: string, message: string, detail?: PayErrorDetail): FastifyReply {
  const body: Record<string, unknown> = { code, message }
  if (detail)
    body.detail = detail
  return reply.code(status).type('application/json').send(JSON.stringify(body))
}
