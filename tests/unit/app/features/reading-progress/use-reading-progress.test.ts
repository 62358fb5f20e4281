// @vitest-environment happy-dom
import type { ReadingViewport } from '../../../../../src/app/platform/reading-viewport.ts'
import type { Me } from '../../../../../src/shared/schemas/me.ts'
import type { ReadingProgress } from '../../../../../src/shared/schemas/reading-progress.ts'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { useReadingProgress } from '../../../../../src/app/features/reading-progress/index.ts'
import { READING_VIEWPORT } from '../../../../../src/app/platform/reading-viewport.ts'
import { useSessionStore } from '../../../../../src/app/stores/session.ts'
import { fakePageLoad } from '../../helpers/fake-platform.ts'

const ME = { id: 1, nickname: '读者', avatarUrl: '', isSnapshot: false } as unknown as Me

/** A viewport the test moves by hand: which block is at the top, how deep, scroll and leave events. */
function fakeViewport() {
  const state = { block: -1, depth: 0, firstScreenBlocks: 2 }
  let onBlock: (i: number) => void = () => {}
  let onScroll = () => {}
  let onLeave = () => {}
  const viewport: ReadingViewport = {
    observeBlocks: (_root, fn) => {
      onBlock = fn
      return () => {}
    },
    depthPct: () => state.depth,
    onScroll: (fn) => {
      onScroll = fn
      return () => {}
    },
    onLeave: (fn) => {
      onLeave = fn
      return () => {}
    },
    isBelowFirstScreen: (_root, i) => i >= state.firstScreenBlocks,
    scrollToBlock: vi.fn(() => true),
  }
  return {
    viewport,
    scrollTo(block: number, depth: number) {
      state.block = block
      state.depth = depth
      onBlock(block)
      onScroll()
    },
    leave: () => onLeave(),
  }
}

async function open(opts: { me: Me | null, saved?: ReadingProgress, device?: Map<string, string> }) {
  const load = fakePageLoad({ me: opts.me, device: opts.device, routes: { 'PUT /api/articles/a1/progress': () => undefined } })
  const vp = fakeViewport()
  let handle!: ReturnType<typeof useReadingProgress>
  const Page = defineComponent(() => {
    const root = ref<HTMLElement | null>(null)
    handle = useReadingProgress({ articleId: 'a1', root, content: () => true, saved: () => opts.saved, intervalMs: 5000 })
    return () => h('article', { ref: root })
  })
  const wrapper = mount(Page, { global: { ...load.mountOptions, provide: { ...load.mountOptions.provide, [READING_VIEWPORT as symbol]: vp.viewport } } })
  if (opts.me)
    await load.run(() => useSessionStore().ensureMe())
  await flushPromises()
  const puts = () => load.http.put.mock.calls as unknown as Array<[string, unknown, { keepalive?: boolean }]>
  return { wrapper, load, vp, handle, puts }
}

describe('reading progress', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends one PUT per interval while a signed-in reader scrolls, and a last one (keepalive) on leaving', async () => {
    const { vp, puts } = await open({ me: ME })
    for (let i = 0; i < 40; i++) {
      vp.scrollTo(Math.floor(i / 4), i * 2)
      vi.advanceTimersByTime(100)
    }
    expect(puts()).toHaveLength(0)
    vi.advanceTimersByTime(1000)
    expect(puts()).toEqual([['/api/articles/a1/progress', { blockIndex: 9, depthPct: 78 }, { keepalive: false }]])
    vp.scrollTo(12, 90)
    vp.leave()
    expect(puts()).toHaveLength(2)
    expect(puts()[1]).toEqual(['/api/articles/a1/progress', { blockIndex: 12, depthPct: 90 }, { keepalive: true }])
  })

  it('keeps an anonymous reader\'s place on the device only', async () => {
    const device = new Map<string, string>()
    const { vp, puts } = await open({ me: null, device })
    vp.scrollTo(5, 40)
    vi.advanceTimersByTime(5000)
    expect(puts()).toHaveLength(0)
    expect(JSON.parse(device.get('kit:progress:a1')!)).toMatchObject({ blockIndex: 5, depthPct: 40, finished: false })
  })

  it('offers "继续阅读" for a place past the first screen, writes nothing until the reader moves on, and scrolls there on request', async () => {
    const saved = { blockIndex: 8, depthPct: 55, finished: false, updatedAt: '2026-12-01T10:00:00.000Z' }
    const { vp, handle, puts } = await open({ me: ME, saved })
    expect(handle.offer.value).toEqual(saved)
    // Glancing at the top while the offer is shown does not replace the saved place.
    vp.scrollTo(0, 10)
    vi.advanceTimersByTime(6000)
    expect(puts()).toHaveLength(0)
    handle.resume()
    expect(vp.viewport.scrollToBlock).toHaveBeenCalledWith(expect.anything(), 8)
    expect(handle.offer.value).toBeNull()
  })

  it.each([
    ['finished', { blockIndex: 8, depthPct: 100, finished: true }],
    ['on the first screen', { blockIndex: 1, depthPct: 8, finished: false }],
  ])('offers nothing for a post %s', async (_case, p) => {
    const { handle } = await open({ me: ME, saved: { ...p, updatedAt: '2026-12-01T10:00:00.000Z' } })
    expect(handle.offer.value).toBeNull()
  })

  it('offers this device\'s place when the reader read here before signing in', async () => {
    const device = new Map([['kit:progress:a1', JSON.stringify({ blockIndex: 6, depthPct: 30, finished: false, updatedAt: '2026-12-01T12:00:00.000Z' })]])
    const { handle } = await open({ me: ME, device, saved: { blockIndex: 3, depthPct: 20, finished: false, updatedAt: '2026-12-01T10:00:00.000Z' } })
    expect(handle.offer.value?.blockIndex).toBe(6)
  })
})
