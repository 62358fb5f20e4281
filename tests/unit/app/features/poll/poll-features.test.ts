import type { PollView } from '../../../../../src/shared/schemas/polls.ts'
import { describe, expect, it } from 'vitest'
import { followResults, POLL_FALLBACK_MS } from '../../../../../src/app/features/poll/live-results.ts'
import { pollShareData } from '../../../../../src/app/features/poll/poll-share.ts'

const poll: PollView = {
  id: 'weekly',
  title: '本周投票',
  options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }],
  maxChoices: 2,
  status: 'open',
  showResults: 'after_vote',
  eligibility: 'signed_in',
  daily: false,
}
const results = { voters: 1, options: [{ id: 'a', votes: 1 }, { id: 'b', votes: 0 }] }

describe('poll share card', () => {
  it('asks the question before voting and says what was chosen after', () => {
    expect(pollShareData(poll)).toEqual({ title: '本周投票', desc: '来投一票，看看大家怎么选' })
    expect(pollShareData({ ...poll, myVote: { optionIds: ['b', 'a'], at: '2026-01-01T00:00:00Z' } })).toEqual({ title: '我投了「乙、甲」，你呢？', desc: '本周投票' })
    expect(pollShareData(null)).toBeUndefined()
  })
})

describe('following live results', () => {
  function fakeStreams(supported: boolean) {
    const opened: { url: string, event: string, onData: (d: string) => void, onError?: () => void, closed: boolean }[] = []
    return {
      opened,
      events: {
        supported,
        open(url: string, event: string, onData: (d: string) => void, onError?: () => void) {
          const s = { url, event, onData, onError, closed: false }
          opened.push(s)
          return () => { s.closed = true }
        },
      },
    }
  }
  function fakeTimers() {
    const timers: { fn: () => void, ms: number, cleared: boolean }[] = []
    return {
      timers,
      setTimer: (fn: () => void, ms: number) => {
        const t = { fn, ms, cleared: false }
        timers.push(t)
        return t
      },
      clearTimer: (h: unknown) => { (h as { cleared: boolean }).cleared = true },
    }
  }

  it('listens to the `results` event of the poll\'s stream', () => {
    const { opened, events } = fakeStreams(true)
    const seen: unknown[] = []
    const stop = followResults({ pollId: 'weekly', events, fetchResults: async () => null, onResults: r => seen.push(r) })
    expect(opened[0]).toMatchObject({ url: '/api/polls/weekly/live', event: 'results' })
    opened[0]!.onData(JSON.stringify(results))
    opened[0]!.onData('not json')
    expect(seen).toEqual([results])
    stop()
    expect(opened[0]!.closed).toBe(true)
  })

  it('polls where EventSource is missing, and after the stream keeps failing', async () => {
    const timers = fakeTimers()
    const seen: unknown[] = []
    const stop = followResults({ pollId: 'weekly', fetchResults: async () => results, onResults: r => seen.push(r), ...timers })
    expect(timers.timers[0]!.ms).toBe(POLL_FALLBACK_MS)
    timers.timers[0]!.fn()
    await Promise.resolve()
    await Promise.resolve()
    expect(seen).toEqual([results])
    stop()
    expect(timers.timers[0]!.cleared).toBe(true)

    const failing = fakeStreams(true)
    const t2 = fakeTimers()
    followResults({ pollId: 'weekly', events: failing.events, fetchResults: async () => results, onResults: () => {}, ...t2 })
    failing.opened[0]!.onError!()
    failing.opened[0]!.onError!()
    expect(t2.timers).toHaveLength(0)
    failing.opened[0]!.onError!()
    expect(failing.opened[0]!.closed).toBe(true)
    expect(t2.timers).toHaveLength(1)
  })
})
