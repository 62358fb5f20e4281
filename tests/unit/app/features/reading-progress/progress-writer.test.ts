import type { ProgressBody } from '../../../../../src/shared/schemas/reading-progress.ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createProgressWriter } from '../../../../../src/app/features/reading-progress/index.ts'

describe('the progress writer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup() {
    let now: ProgressBody = { blockIndex: 0, depthPct: 0 }
    const save = vi.fn<(body: ProgressBody, final: boolean) => void>()
    const writer = createProgressWriter({ read: () => now, save, intervalMs: 5000 })
    const scrollTo = (blockIndex: number, depthPct: number) => {
      now = { blockIndex, depthPct }
      writer.touch()
    }
    return { writer, save, scrollTo }
  }

  it('writes once per interval however often the reader scrolls, with the latest position', () => {
    const { save, scrollTo } = setup()
    for (let i = 1; i <= 50; i++) {
      scrollTo(Math.floor(i / 10), i)
      vi.advanceTimersByTime(90) // 50 scroll events within 4.5 s
    }
    expect(save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenLastCalledWith({ blockIndex: 5, depthPct: 50 }, false)

    for (let i = 51; i <= 100; i++) {
      scrollTo(Math.floor(i / 10), i)
      vi.advanceTimersByTime(200) // 10 s more of scrolling
    }
    expect(save).toHaveBeenCalledTimes(3)
    vi.advanceTimersByTime(10_000)
    expect(save).toHaveBeenCalledTimes(3)
  })

  it('writes what is left at once when the page goes away, marked final (keepalive)', () => {
    const { writer, save, scrollTo } = setup()
    scrollTo(2, 20)
    vi.advanceTimersByTime(5000)
    scrollTo(7, 64)
    vi.advanceTimersByTime(1000)
    writer.flush()
    expect(save.mock.calls).toEqual([[{ blockIndex: 2, depthPct: 20 }, false], [{ blockIndex: 7, depthPct: 64 }, true]])
    // The timer that was pending is gone: nothing more.
    vi.advanceTimersByTime(10_000)
    expect(save).toHaveBeenCalledTimes(2)
  })

  it('does not write a position it already wrote, and nothing before the reader moved', () => {
    const { writer, save, scrollTo } = setup()
    writer.flush()
    expect(save.mock.calls).toEqual([[{ blockIndex: 0, depthPct: 0 }, true]])
    scrollTo(0, 0)
    vi.advanceTimersByTime(5000)
    writer.flush()
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('writes nothing while the position is unknown', () => {
    const save = vi.fn()
    const writer = createProgressWriter({ read: () => null, save })
    writer.touch()
    vi.advanceTimersByTime(10_000)
    writer.flush()
    expect(save).not.toHaveBeenCalled()
  })
})
