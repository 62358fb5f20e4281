import type { LightMyRequestResponse } from 'fastify'
import type { App } from '../../../src/server/app.ts'
import { createSession } from '../../../src/server/db/queries/sessions.ts'
import { upsertUser } from '../../../src/server/db/queries/users.ts'

export const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

export interface Reader {
  id: number
  request: (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => Promise<LightMyRequestResponse>
}

/**
 * Signed-in followers made directly in the database (as the OAuth callback would), for tests
 * that need many people at once; `signedIn()` in pay.ts drives the real OAuth round trip.
 */
export async function readers(app: App, n: number, o: { snapshot?: boolean, prefix?: string } = {}): Promise<Reader[]> {
  const out: Reader[] = []
  for (let i = 0; i < n; i++) {
    const user = await upsertUser(app.database.db, { openid: `o-${o.prefix ?? 'reader'}-${i}`, nickname: `读者${i}`, avatarUrl: '', isSnapshot: !!o.snapshot })
    const { token } = await createSession(app.database.db, user.id)
    const cookie = `sid=${app.signCookie(token)}`
    out.push({
      id: user.id,
      request: (method, url, payload) => app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, payload: payload as never }),
    })
  }
  return out
}

export function admin(app: App, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { ...ADMIN, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, payload: payload as never })
}

export function anonymous(app: App) {
  return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: payload === undefined ? {} : { 'content-type': 'application/json' }, payload: payload as never })
}
