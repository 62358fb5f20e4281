import type { App } from '../../src/server/app.ts'
import type { BallotEvent } from '../../src/server/engagement/hooks.ts'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { seed } from '../../src/server/db/seed.ts'
import { ADMIN, makeFollower, makeFollowers } from './helpers/followers.ts'
import { buildTestApp } from './helpers/test-app.ts'

describe('polls: one ballot per follower, exact counts', () => {
  let app: App
  const ballots: BallotEvent[] = []
  beforeEach(async () => {
    await app?.close()
    app = await buildTestApp({}, { rateLimitMax: 100_000 })
    await seed(app.database)
    ballots.length = 0
    app.engagement.onBallot((e) => { ballots.push(e) })
  })
  afterAll(() => app.close())

  const get = (url: string, cookie = '') => app.inject({ method: 'GET', url, headers: { cookie } })
  const vote = (pollId: string, body: unknown, cookie = '') => app.inject({ method: 'POST', url: `/api/polls/${pollId}/votes`, payload: body as never, headers: { cookie, 'content-type': 'application/json' } })
  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => app.inject({ method, url, payload: payload as never, headers: ADMIN })
  const createPoll = async (over: Record<string, unknown> = {}) => {
    const res = await admin('POST', '/api/admin/polls', { id: 'p1', title: '测试投票', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], ...over })
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }

  it('shows the demo poll without counts to a reader who has not voted, then with them after voting', async () => {
    const anonymous = await get('/api/polls/weekly')
    expect(anonymous.statusCode).toBe(200)
    const poll = anonymous.json()
    expect(poll).toMatchObject({ id: 'weekly', status: 'open', maxChoices: 1 })
    expect(poll.options.length).toBeGreaterThan(1)
    expect(poll.results).toBeUndefined()
    expect(poll.myVote).toBeUndefined()

    const me = await makeFollower(app)
    const res = await vote('weekly', { optionIds: ['share'] }, me.cookie)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toEqual({
      myVote: { optionIds: ['share'], at: expect.any(String) },
      results: { voters: 1, options: poll.options.map((o: { id: string }) => ({ id: o.id, votes: o.id === 'share' ? 1 : 0 })) },
    })
    const after = (await get('/api/polls/weekly', me.cookie)).json()
    expect(after.myVote.optionIds).toEqual(['share'])
    expect(after.results.voters).toBe(1)
    expect(ballots).toEqual([expect.objectContaining({ pollId: 'weekly', userId: me.userId, optionIds: ['share'] })])
  })

  it('200 followers voting at the same moment give exactly 200 voters and exact counts', async () => {
    await createPoll({ maxChoices: 2, showResults: 'always' })
    const followers = await makeFollowers(app, 200)
    const choice = (i: number) => (i % 5 === 0 ? ['a', 'c'] : i % 2 === 0 ? ['b'] : ['a'])
    const answers = await Promise.all(followers.map((f, i) => vote('p1', { optionIds: choice(i) }, f.cookie)))
    expect(answers.map(r => r.statusCode)).toEqual(followers.map(() => 201))
    const expected = { a: 0, b: 0, c: 0 } as Record<string, number>
    followers.forEach((_, i) => choice(i).forEach((o) => { expected[o]!++ }))
    const { results } = (await get('/api/polls/p1')).json()
    expect(results).toEqual({ voters: 200, options: [{ id: 'a', votes: expected.a }, { id: 'b', votes: expected.b }, { id: 'c', votes: expected.c }] })
    expect(ballots).toHaveLength(200)
  })

  it('one follower\'s 20 concurrent votes count once', async () => {
    await createPoll({ showResults: 'always' })
    const me = await makeFollower(app)
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => vote('p1', { optionIds: [i % 2 ? 'a' : 'b'] }, me.cookie)))
    expect(answers.filter(r => r.statusCode === 201)).toHaveLength(1)
    const refused = answers.filter(r => r.statusCode !== 201)
    expect(refused).toHaveLength(19)
    for (const r of refused) {
      expect(r.statusCode).toBe(409)
      expect(r.json().error.code).toBe('ALREADY_VOTED')
    }
    const { results } = (await get('/api/polls/p1')).json()
    expect(results.voters).toBe(1)
    expect(results.options.reduce((n: number, o: { votes: number }) => n + o.votes, 0)).toBe(1)
  })

  it('daily polls take one ballot per follower per day', async () => {
    let now = Date.parse('2026-03-01T10:00:00+08:00')
    await app.close()
    app = await buildTestApp({}, { now: () => now })
    await seed(app.database)
    await createPoll({ daily: true })
    const me = await makeFollower(app)
    expect((await vote('p1', { optionIds: ['a'] }, me.cookie)).statusCode).toBe(201)
    expect((await vote('p1', { optionIds: ['b'] }, me.cookie)).json().error.code).toBe('ALREADY_VOTED')
    now += 24 * 3600 * 1000
    expect((await get('/api/polls/p1', me.cookie)).json().myVote).toBeUndefined()
    const next = await vote('p1', { optionIds: ['b'] }, me.cookie)
    expect(next.statusCode).toBe(201)
    expect(next.json().results.voters).toBe(1)
  })

  it('refuses signed-out (401), snapshot (403 SNAPSHOT_USER) and ineligible (403 NOT_ELIGIBLE) voters', async () => {
    expect((await vote('weekly', { optionIds: ['pay'] })).statusCode).toBe(401)
    const snapshot = await makeFollower(app, { snapshot: true })
    const s = await vote('weekly', { optionIds: ['pay'] }, snapshot.cookie)
    expect([s.statusCode, s.json().error.code]).toEqual([403, 'SNAPSHOT_USER'])

    await createPoll({ eligibility: 'members' })
    const reader = await makeFollower(app)
    const r = await vote('p1', { optionIds: ['a'] }, reader.cookie)
    expect([r.statusCode, r.json().error.code]).toEqual([403, 'NOT_ELIGIBLE'])
    await app.database.withAdvisoryLock(3, tx => tx.query(`INSERT INTO memberships (user_id, product_id, expires_at) VALUES ($1, 'membership-monthly', now() + interval '1 day')`, [reader.userId]))
    expect((await vote('p1', { optionIds: ['a'] }, reader.cookie)).statusCode).toBe(201)
  })

  it('refuses votes on closed and not-yet-open polls with 409 POLL_CLOSED', async () => {
    await createPoll({ opensAt: new Date(Date.now() + 3600_000).toISOString() })
    const me = await makeFollower(app)
    expect((await get('/api/polls/p1')).json().status).toBe('scheduled')
    const early = await vote('p1', { optionIds: ['a'] }, me.cookie)
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'POLL_CLOSED'])

    expect((await admin('POST', '/api/admin/polls/p1/open')).json().status).toBe('open')
    expect((await vote('p1', { optionIds: ['a'] }, me.cookie)).statusCode).toBe(201)
    expect((await admin('POST', '/api/admin/polls/p1/close')).json().status).toBe('closed')
    const other = await makeFollower(app)
    const late = await vote('p1', { optionIds: ['b'] }, other.cookie)
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'POLL_CLOSED'])
    // Closed polls show their results to everyone.
    expect((await get('/api/polls/p1')).json().results.voters).toBe(1)

    await createPoll({ id: 'p2', closesAt: new Date(Date.now() - 1000).toISOString(), opensAt: new Date(Date.now() - 3600_000).toISOString() })
    expect((await vote('p2', { optionIds: ['a'] }, other.cookie)).json().error.code).toBe('POLL_CLOSED')
  })

  it.each([
    [{ optionIds: ['zzz'] }, 'UNKNOWN_OPTION'],
    [{ optionIds: ['a', 'a'] }, 'DUPLICATE_OPTION'],
    [{ optionIds: ['a', 'b'] }, 'TOO_MANY_CHOICES'],
    [{ optionIds: [] }, 'VALIDATION_FAILED'],
    [{ optionIds: 'a' }, 'VALIDATION_FAILED'],
    [{}, 'VALIDATION_FAILED'],
    [[1, 2], 'VALIDATION_FAILED'],
  ] as [unknown, string][])('refuses the malformed vote %j with 400 %s and stores nothing', async (body, code) => {
    await createPoll({ showResults: 'always' })
    const me = await makeFollower(app)
    const res = await vote('p1', body, me.cookie)
    expect([res.statusCode, res.json().error.code]).toEqual([400, code])
    expect((await get('/api/polls/p1')).json().results.voters).toBe(0)
  })

  it('answers 404 for an unknown poll and 400 for a malformed id', async () => {
    expect((await get('/api/polls/nope')).statusCode).toBe(404)
    expect((await get('/api/polls/%3Cx%3E')).statusCode).toBe(400)
  })

  it('after_close polls keep counts hidden until they close', async () => {
    await createPoll({ showResults: 'after_close' })
    const me = await makeFollower(app)
    const res = await vote('p1', { optionIds: ['a'] }, me.cookie)
    expect(res.statusCode).toBe(201)
    expect(res.json().results).toBeUndefined()
    expect((await get('/api/polls/p1', me.cookie)).json().results).toBeUndefined()
    await admin('POST', '/api/admin/polls/p1/close')
    expect((await get('/api/polls/p1', me.cookie)).json().results).toEqual({ voters: 1, options: [{ id: 'a', votes: 1 }, { id: 'b', votes: 0 }, { id: 'c', votes: 0 }] })
  })

  it('records the share each voter arrived through; operators see votes by referrer', async () => {
    const visit = (body: unknown, cookie = '') => app.inject({ method: 'POST', url: '/api/share/visits', payload: body as never, headers: { cookie, origin: 'http://h5.test.local' } })
    const sharer = await visit({ path: '/polls/weekly' })
    const code = sharer.json().shareCode
    const friends = await makeFollowers(app, 3)
    for (const f of friends.slice(0, 2)) {
      // The friend opens the shared link before signing in: the device's visitor cookie carries the open.
      const opened = await visit({ path: '/polls/weekly', sharer: code })
      const vid = opened.cookies.find(c => c.name === 'vid')!.value
      f.cookie += `; vid=${vid}`
    }
    for (const f of friends)
      expect((await vote('weekly', { optionIds: ['pay'] }, f.cookie)).statusCode).toBe(201)

    const res = await admin('GET', '/api/admin/polls/weekly/results')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.voters).toBe(3)
    expect(body.byReferrer).toEqual([
      { refCode: code, ballots: 2, firstAt: expect.any(String), lastAt: expect.any(String) },
      { refCode: null, ballots: 1, firstAt: expect.any(String), lastAt: expect.any(String) },
    ])
    expect(ballots.map(b => b.refCode).sort()).toEqual([code, code, null].sort())
  })

  it('operators create, edit, open and close polls; every change is audited', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/polls' })).statusCode).toBe(401)
    await createPoll()
    expect((await admin('POST', '/api/admin/polls', { id: 'p1', title: 'x', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] })).json().error.code).toBe('POLL_EXISTS')
    expect((await admin('POST', '/api/admin/polls', { id: 'p3', title: 'x', maxChoices: 3, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] })).json().error.code).toBe('TOO_MANY_CHOICES')
    const edited = await admin('PATCH', '/api/admin/polls/p1', { title: '改过的标题', showResults: 'always' })
    expect(edited.json()).toMatchObject({ title: '改过的标题', showResults: 'always' })
    const me = await makeFollower(app)
    await vote('p1', { optionIds: ['a'] }, me.cookie)
    const locked = await admin('PATCH', '/api/admin/polls/p1', { options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] })
    expect([locked.statusCode, locked.json().error.code]).toEqual([409, 'POLL_HAS_VOTES'])
    await admin('POST', '/api/admin/polls/p1/close')
    await admin('POST', '/api/admin/polls/p1/open')
    const list = (await admin('GET', '/api/admin/polls')).json().polls
    expect(list.map((p: { id: string }) => p.id).sort()).toEqual(['p1', 'weekly'])
    const audit = await app.database.withAdvisoryLock(3, tx => tx.query<{ action: string, target_id: string, actor: string }>(`SELECT action, target_id, actor FROM audit_log ORDER BY id`))
    expect(audit.map(a => a.action)).toEqual(['poll.create', 'poll.update', 'poll.close', 'poll.open'])
    expect(audit.every(a => a.target_id === 'p1' && a.actor === 'admin-token')).toBe(true)
  })
})
