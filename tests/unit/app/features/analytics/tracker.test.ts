import type { PageActivity } from '../../../../../src/app/platform/page-activity.ts'
import { describe, expect, it } from 'vitest'
import { landingChannel } from '../../../../../src/app/features/analytics/channel.ts'
import { postKeyOf, track } from '../../../../../src/app/features/analytics/queue.ts'
import { startTracker } from '../../../../../src/app/features/analytics/tracker.ts'

describe('analytics: where a visit came from', () => {
  it.each([
    ['/articles/1?ch=menu', '', 'menu'],
    ['/?ch=qr', '', 'qr'],
    ['/articles/1?from=timeline&isappinstalled=0&sh=abcd1234', '', 'moments'],
    ['/articles/1?from=groupmessage&sh=abcd1234', '', 'chat'],
    ['/articles/1?sh=abcd1234', '', 'share'],
    ['/articles/1', 'https://mp.weixin.qq.com/s/xyz', 'article'],
    ['/articles/1', 'https://example.com/', 'direct'],
  ])('%s (referrer %s) → %s', (url, referrer, channel) => {
    expect(landingChannel(url, referrer)).toBe(channel)
  })

  it('keys posts: articles by id, polls and quizzes by kind', () => {
    expect(postKeyOf({ name: 'article', params: { id: 'pay-apiv3' } })).toBe('pay-apiv3')
    expect(postKeyOf({ name: 'poll', params: { id: 'weekly' } })).toBe('poll:weekly')
    expect(postKeyOf({ name: 'home', params: {} })).toBeUndefined()
  })
})

function fakePage() {
  const timers: (() => void)[] = []
  const handlers: Record<string, ((v?: unknown) => void)[]> = {}
  const on = (name: string) => (fn: (v: any) => void) => void (handlers[name] ??= []).push(fn)
  const sent: { url: string, body: any }[] = []
  const state = { now: 1_000_000, visible: true, depth: 0 }
  const page: PageActivity = {
    now: () => state.now,
    isVisible: () => state.visible,
    onVisibilityChange: on('visibility'),
    onPageHide: on('pagehide'),
    onActivity: on('activity'),
    onScroll: on('scroll'),
    readDepthPct: () => state.depth,
    onMediaPlay: on('play'),
    every: (_ms, fn) => void timers.push(fn),
    send: (url, body) => {
      sent.push({ url, body: JSON.parse(body) })
      return true
    },
  }
  const fire = (name: string, v?: unknown) => handlers[name]?.forEach(fn => fn(v))
  const tick = () => timers.forEach(fn => fn())
  return { page, state, sent, fire, tick }
}

describe('analytics: the tracker', () => {
  it('waits for the visitor cookie, batches, adds depth and heartbeats only while visible and active, and beacons on leaving', () => {
    const { page, state, sent, fire, tick } = fakePage()
    let hasVisitor = false
    track('page_view', { path: '/articles/a', articleId: 'a', at: state.now })
    startTracker({ page, channel: 'menu', hasVisitor: () => hasVisitor })
    tick()
    expect(sent).toEqual([]) // no cookie yet: nothing would count
    hasVisitor = true
    state.depth = 47
    tick()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.url).toBe('/api/events')
    expect(sent[0]!.body.events.map((e: any) => [e.type, e.channel ?? e.depthPct ?? null])).toEqual([['page_view', 'menu'], ['read_progress', 40]])

    state.now += 15_000
    fire('activity')
    tick() // active and visible: a heartbeat
    state.now += 60_000
    tick() // 60 s without activity: none
    state.visible = false
    fire('visibility', false)
    state.now += 15_000
    fire('activity')
    tick() // hidden: none
    track('share_intent')
    fire('pagehide')
    const events = sent.slice(1).flatMap(s => s.body.events)
    expect(events.filter((e: any) => e.type === 'heartbeat')).toEqual([expect.objectContaining({ path: '/articles/a', articleId: 'a', activeMs: 15_000 })])
    expect(events.at(-1)).toMatchObject({ type: 'share_intent', path: '/articles/a', articleId: 'a' })
  })
})
