import type { App } from '../../../src/server/app.ts'
import { sql } from 'drizzle-orm'
import { createSession } from '../../../src/server/db/queries/sessions.ts'
import { ANDROID_UA, IPHONE_UA } from '../../../src/simulator/personas.ts'

export { ANDROID_UA, IPHONE_UA }
export const WINDOWS_WECHAT_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13)'
export const OTHER_UA = 'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)'
export const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

/** One person's browser for analytics tests: the visitor cookie, their share code and visitor id. */
export interface Reader { cookie: string, code: string, id: number, ua: string }

export async function rows<T>(app: App, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await app.database.db.execute(query)) as unknown as { rows: T[] }).rows
}

/** Lands on a page (the share visit every landing records), as a new visitor. */
export async function newReader(app: App, path: string, ua = IPHONE_UA, sharer?: string): Promise<Reader> {
  const res = await app.inject({ method: 'POST', url: '/api/share/visits', payload: { path, ...(sharer ? { sharer } : {}) }, headers: { 'user-agent': ua, 'origin': 'http://h5.test.local' } })
  if (res.statusCode !== 200)
    throw new Error(`share visit failed: ${res.body}`)
  const cookie = `vid=${res.cookies.find(c => c.name === 'vid')!.value}`
  const code = res.json().shareCode as string
  const [row] = await rows<{ id: number }>(app, sql`SELECT id::float8 AS id FROM visitors WHERE share_code = ${code}`)
  return { cookie, code, id: row!.id, ua }
}

/** An existing visitor opens someone's shared link. */
export async function openShared(app: App, r: Reader, path: string, sharer: Reader) {
  const res = await app.inject({ method: 'POST', url: '/api/share/visits', payload: { path, sharer: sharer.code }, headers: { 'user-agent': r.ua, 'cookie': r.cookie, 'origin': 'http://h5.test.local' } })
  if (res.statusCode !== 200)
    throw new Error(`share visit failed: ${res.body}`)
}

export function postEvents(app: App, r: Pick<Reader, 'cookie' | 'ua'>, events: unknown[], headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/events', payload: { events } as never, headers: { 'user-agent': r.ua, 'cookie': r.cookie, ...headers } })
}

export async function send(app: App, r: Reader, events: unknown[]) {
  const res = await postEvents(app, r, events)
  if (res.statusCode !== 204)
    throw new Error(`events refused (${res.statusCode}): ${res.body}`)
}

/** Signs the visitor in as a new follower (the link the OAuth callback makes); returns the user id and session cookie. */
export async function signIn(app: App, r: Reader, nickname: string, snapshot = false): Promise<{ userId: number, cookie: string }> {
  const [user] = await rows<{ id: number }>(app, sql`INSERT INTO users (openid, nickname, is_snapshot) VALUES (${`o-${r.code}`}, ${nickname}, ${snapshot}) RETURNING id::float8 AS id`)
  if (!snapshot)
    await app.database.db.execute(sql`UPDATE visitors SET user_id = ${user!.id} WHERE id = ${r.id} AND user_id IS NULL`)
  const session = await createSession(app.database.db, user!.id)
  return { userId: user!.id, cookie: `sid=${app.signCookie(session.token)}` }
}

export async function admin(app: App, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: ADMIN })
  if (res.statusCode !== 200)
    throw new Error(`${url} → ${res.statusCode}: ${res.body}`)
  return res.json()
}
