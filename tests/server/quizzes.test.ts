import type { LightMyRequestResponse } from 'fastify'
import type { App } from '../../src/server/app.ts'
import type { QuizCompletedEvent } from '../../src/server/engagement/hooks.ts'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { seed } from '../../src/server/db/seed.ts'
import { ADMIN, makeFollower, makeFollowers } from './helpers/followers.ts'
import { buildTestApp } from './helpers/test-app.ts'

const clock = { offsetMs: 0 }

describe('quizzes: the key stays on the server, scoring happens there', () => {
  let app: App
  const completions: QuizCompletedEvent[] = []
  beforeEach(async () => {
    await app?.close()
    clock.offsetMs = 0
    app = await buildTestApp({}, { rateLimitMax: 100_000, now: () => Date.now() + clock.offsetMs })
    await seed(app.database)
    completions.length = 0
    app.engagement.onQuizCompleted((e) => { completions.push(e) })
  })
  afterAll(() => app.close())

  const get = (url: string, cookie = '') => app.inject({ method: 'GET', url, headers: { cookie } })
  const post = (url: string, body: unknown, cookie = '') => app.inject({ method: 'POST', url, payload: body as never, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } })
  const submit = (quizId: string, answers: unknown, cookie: string, extra: Record<string, unknown> = {}) => post(`/api/quizzes/${quizId}/attempts`, { answers, ...extra }, cookie)
  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => app.inject({ method, url, payload: payload as never, headers: ADMIN })
  const fourQuestions = (over: Record<string, unknown> = {}) => ({
    id: 'q4',
    title: '四道题',
    mode: 'scored',
    attemptsAllowed: 2,
    questions: [1, 2, 3, 4].map(n => ({ id: `n${n}`, prompt: `第 ${n} 题`, kind: 'single', explanation: `解析 ${n}`, options: [{ id: 'r', label: '对', correct: true }, { id: 'w', label: '错' }] })),
    ...over,
  })
  /** Answers the first `right` questions correctly and the rest wrongly. */
  const answersScoring = (right: number) => [1, 2, 3, 4].map(n => ({ questionId: `n${n}`, optionIds: [n <= right ? 'r' : 'w'] }))

  it('no response before submission carries the key, points, weights or explanations', async () => {
    const { quizzes } = (await admin('GET', '/api/admin/quizzes')).json() as { quizzes: { id: string, questions: { explanation?: string, options: { id: string, weights?: object }[] }[] }[] }
    const secrets = quizzes.flatMap(q => q.questions.flatMap(x => x.explanation ? [x.explanation] : []))
    expect(secrets.length).toBeGreaterThan(2)

    const responses: LightMyRequestResponse[] = []
    const keep = async (r: Promise<LightMyRequestResponse>) => {
      const res = await r
      responses.push(res)
      return res
    }
    const me = await makeFollower(app)
    for (const id of ['intro', 'reader-type']) {
      await keep(get(`/api/quizzes/${id}`))
      await keep(get(`/api/quizzes/${id}`, me.cookie))
      await keep(post(`/api/quizzes/${id}/start`, undefined, me.cookie))
      await keep(get(`/api/quizzes/${id}`, me.cookie))
      // Refused submissions must not teach anything either.
      await keep(submit(id, [{ questionId: 'q1', optionIds: ['zz'] }], me.cookie))
      await keep(submit(id, [{ questionId: 'nope', optionIds: ['a'] }], me.cookie))
      await keep(submit(id, [{ questionId: 'q1', optionIds: ['a', 'b'] }], me.cookie))
    }
    await keep(get('/api/me', me.cookie))
    expect(responses.length).toBeGreaterThan(10)
    for (const res of responses) {
      for (const s of secrets) expect(res.body).not.toContain(s)
      expect(res.body).not.toMatch(/"(correct|weights|points|explanation|correctOptionIds)"/)
    }
    const view = responses[0]!.json()
    expect(view).toMatchObject({ id: 'intro', mode: 'scored', attemptsAllowed: 3 })
    expect(Object.keys(view.questions[0]).sort()).toEqual(['id', 'kind', 'options', 'prompt'])
    expect(Object.keys(view.questions[0].options[0]).sort()).toEqual(['id', 'label'])

    // After submitting, the result explains.
    const result = await submit('intro', [{ questionId: 'q1', optionIds: ['a'] }], me.cookie)
    expect(result.statusCode, result.body).toBe(201)
    expect(result.json().questions[0]).toMatchObject({ id: 'q1', correct: true, correctOptionIds: ['a'], explanation: expect.any(String) })
  })

  it('scores from the choices only: a client-sent score, correctness or outcome is ignored; unanswered questions score zero', async () => {
    const me = await makeFollower(app)
    const res = await submit('intro', [{ questionId: 'q1', optionIds: ['b'] }, { questionId: 'q3', optionIds: ['a', 'b', 'd'] }], me.cookie, { score: 100, maxScore: 100, correctCount: 3, outcome: { id: 'x' }, questions: [{ id: 'q1', correct: true }] })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ score: 2, maxScore: 4, correctCount: 1 })
    expect(body.outcome).toBeUndefined()
    expect(body.questions).toEqual([
      { id: 'q1', correct: false, correctOptionIds: ['a'], chosenOptionIds: ['b'], explanation: expect.any(String) },
      { id: 'q2', correct: false, correctOptionIds: ['b'], chosenOptionIds: [], explanation: expect.any(String) },
      { id: 'q3', correct: true, correctOptionIds: ['a', 'b', 'd'], chosenOptionIds: ['a', 'b', 'd'], explanation: expect.any(String) },
    ])
    expect(completions).toEqual([expect.objectContaining({ quizId: 'intro', userId: me.userId, score: 2, attemptNo: 1 })])
  })

  it('an outcome quiz picks the heaviest outcome', async () => {
    const me = await makeFollower(app)
    const answers = ['q1', 'q2', 'q3', 'q4'].map(q => ({ questionId: q, optionIds: [q === 'q3' ? 'a' : 'b'] }))
    const res = await submit('reader-type', answers, me.cookie)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ score: 0, maxScore: 0, outcome: { id: 'skim', title: '效率读者', description: expect.any(String) } })
    expect(res.json().percentile).toBeUndefined()
  })

  it('refuses signed-out (401), snapshot (403 SNAPSHOT_USER), unknown questions and options (400)', async () => {
    expect((await submit('intro', [], '')).statusCode).toBe(401)
    const snap = await makeFollower(app, { snapshot: true })
    const s = await submit('intro', [], snap.cookie)
    expect([s.statusCode, s.json().error.code]).toEqual([403, 'SNAPSHOT_USER'])
    const me = await makeFollower(app)
    for (const [answers, code] of [
      [[{ questionId: 'zz', optionIds: ['a'] }], 'UNKNOWN_QUESTION'],
      [[{ questionId: 'q1', optionIds: ['zz'] }], 'UNKNOWN_OPTION'],
      [[{ questionId: 'q1', optionIds: ['a', 'b'] }], 'TOO_MANY_CHOICES'],
      [[{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q1', optionIds: ['a'] }], 'DUPLICATE_ANSWER'],
      ['x', 'VALIDATION_FAILED'],
    ] as [unknown, string][]) {
      const res = await submit('intro', answers, me.cookie)
      expect([res.statusCode, res.json().error.code]).toEqual([400, code])
    }
    // None of those used an attempt.
    expect((await get('/api/quizzes/intro', me.cookie)).json().myAttempts).toEqual({ used: 0, left: 3 })
  })

  it('allows only the attempts the quiz grants, also under concurrent submissions (409 NO_ATTEMPTS_LEFT)', async () => {
    expect((await admin('POST', '/api/admin/quizzes', fourQuestions({ attemptsAllowed: 1 }))).statusCode).toBe(201)
    const me = await makeFollower(app)
    const all = await Promise.all(Array.from({ length: 10 }, () => submit('q4', answersScoring(2), me.cookie)))
    expect(all.filter(r => r.statusCode === 201)).toHaveLength(1)
    for (const r of all.filter(r => r.statusCode !== 201))
      expect([r.statusCode, r.json().error.code]).toEqual([409, 'NO_ATTEMPTS_LEFT'])
    expect((await get('/api/quizzes/q4', me.cookie)).json().myAttempts).toEqual({ used: 1, left: 0, bestScore: 2 })
  })

  it('stamps the start on the server and refuses a late timed submission', async () => {
    expect((await admin('POST', '/api/admin/quizzes', fourQuestions({ timeLimitSeconds: 60 }))).statusCode).toBe(201)
    const me = await makeFollower(app)
    const unstarted = await submit('q4', answersScoring(4), me.cookie)
    expect([unstarted.statusCode, unstarted.json().error.code]).toEqual([409, 'NOT_STARTED'])

    const started = await post('/api/quizzes/q4/start', undefined, me.cookie)
    expect(started.statusCode, started.body).toBe(201)
    const { attemptId, deadline, startedAt } = started.json()
    expect(Date.parse(deadline) - Date.parse(startedAt)).toBe(60_000)
    // Starting again while it runs returns the same attempt: reloading does not reset the clock.
    expect((await post('/api/quizzes/q4/start', undefined, me.cookie)).json().attemptId).toBe(attemptId)
    expect((await get('/api/quizzes/q4', me.cookie)).json().myAttempts).toEqual({ used: 0, left: 2, openDeadline: deadline })

    clock.offsetMs = 70_000
    const late = await submit('q4', answersScoring(4), me.cookie)
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'TIME_UP'])
    expect((await get('/api/quizzes/q4', me.cookie)).json().myAttempts).toEqual({ used: 1, left: 1 })

    // The second attempt, in time, counts.
    await post('/api/quizzes/q4/start', undefined, me.cookie)
    clock.offsetMs += 30_000
    const ok = await submit('q4', answersScoring(3), me.cookie)
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().score).toBe(3)
    const none = await post('/api/quizzes/q4/start', undefined, me.cookie)
    expect([none.statusCode, none.json().error.code]).toEqual([409, 'NO_ATTEMPTS_LEFT'])
  })

  it('"超过了 N% 的读者" compares with other real followers\' first attempts', async () => {
    expect((await admin('POST', '/api/admin/quizzes', fourQuestions())).statusCode).toBe(201)
    const others = await makeFollowers(app, 4)
    // First attempts score 0, 1, 2, 4; the follower who scored 0 then scores 4 on a second try (not counted).
    for (const [i, right] of [0, 1, 2, 4].entries())
      expect((await submit('q4', answersScoring(right), others[i]!.cookie)).statusCode).toBe(201)
    // Against the other three first attempts (1, 2, 4), a 4 beats two.
    expect((await submit('q4', answersScoring(4), others[0]!.cookie)).json().percentile).toBe(66)

    const me = await makeFollower(app)
    const res = await submit('q4', answersScoring(3), me.cookie)
    // Below 3 among the others' first attempts: 0, 1, 2 of 0, 1, 2, 4.
    expect(res.json().percentile).toBe(75)
    const second = await submit('q4', answersScoring(1), me.cookie)
    // Any attempt is compared with the others' first attempts: below 1 is only the 0.
    expect(second.json().percentile).toBe(25)
    const first = await makeFollower(app)
    expect((await submit('q4', answersScoring(0), first.cookie)).json().percentile).toBe(0)
  })

  it('operators create, edit, open, close and read results; changes are audited and the shape is checked', async () => {
    const bad = await admin('POST', '/api/admin/quizzes', fourQuestions({ questions: [{ id: 'x', prompt: '?', kind: 'single', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }] }))
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'ANSWER_KEY_INVALID'])
    expect((await admin('POST', '/api/admin/quizzes', fourQuestions())).statusCode).toBe(201)
    expect((await admin('PATCH', '/api/admin/quizzes/q4', { title: '新标题' })).json().title).toBe('新标题')
    expect((await admin('POST', '/api/admin/quizzes/q4/close')).json().status).toBe('closed')
    const me = await makeFollower(app)
    const closed = await submit('q4', answersScoring(1), me.cookie)
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'QUIZ_CLOSED'])
    expect((await admin('POST', '/api/admin/quizzes/q4/open')).json().status).toBe('open')
    await submit('q4', answersScoring(3), me.cookie)
    await submit('reader-type', [{ questionId: 'q1', optionIds: ['c'] }], me.cookie)
    expect((await admin('GET', '/api/admin/quizzes/q4/results')).json()).toEqual({ id: 'q4', attempts: 1, participants: 1, averageFirstScore: 3, outcomes: [], byReferrer: [{ refCode: null, attempts: 1 }] })
    expect((await admin('GET', '/api/admin/quizzes/reader-type/results')).json().outcomes).toEqual([{ id: 'social', count: 1 }])
    const audit = await app.database.withAdvisoryLock(3, tx => tx.query<{ action: string }>(`SELECT action FROM audit_log ORDER BY id`))
    expect(audit.map(a => a.action)).toEqual(['quiz.create', 'quiz.update', 'quiz.close', 'quiz.open'])
  })
})
