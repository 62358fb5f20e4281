import { describe, expect, it } from 'vitest'
import { latestProgress, readState } from '../../../../../src/app/features/reading-progress/index.ts'

describe('read state labels', () => {
  it.each([
    [undefined, 'unread', '未读'],
    [{ depthPct: 0, finished: false }, 'unread', '未读'],
    [{ depthPct: 0.6, finished: false }, 'unread', '未读'],
    [{ depthPct: 1, finished: false }, 'reading', '读到 1%'],
    [{ depthPct: 47.8, finished: false }, 'reading', '读到 47%'],
    [{ depthPct: 99.9, finished: false }, 'reading', '读到 99%'],
    [{ depthPct: 100, finished: true }, 'read', '已读'],
    // Read to the end once, then scrolled back up: still read.
    [{ depthPct: 12, finished: true }, 'read', '已读'],
  ])('%o → %s (%s)', (progress, state, label) => {
    expect(readState(progress)).toMatchObject({ state, label })
  })
})

describe('the later of two records', () => {
  const at = (iso: string, blockIndex: number) => ({ blockIndex, depthPct: 10, finished: false, updatedAt: iso })
  it('prefers whichever was written last, and either when only one exists', () => {
    const server = at('2026-12-01T10:00:00.000Z', 3)
    const local = at('2026-12-01T11:00:00.000Z', 9)
    expect(latestProgress(server, local)).toBe(local)
    expect(latestProgress(local, server)).toBe(local)
    expect(latestProgress(server, undefined)).toBe(server)
    expect(latestProgress(undefined, local)).toBe(local)
    expect(latestProgress(undefined, undefined)).toBeUndefined()
  })
})
