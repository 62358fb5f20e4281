import type { Socket } from 'node:net'
import { errorBody } from '../../shared/schemas/api-error.ts'

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (oversized
 * headers, malformed request lines) still answer in the kit's JSON error shape.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable)
    return
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'
  const body = JSON.stringify(tooLarge ? errorBody('HEADERS_TOO_LARGE', 'Request headers are too large') : errorBody('BAD_REQUEST', 'Malformed HTTP request'))
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}
