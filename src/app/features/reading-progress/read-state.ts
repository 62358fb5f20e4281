import type { ReadingProgress } from '@shared/schemas/reading-progress.ts'

export type ReadState = 'unread' | 'reading' | 'read'

/** What a list says about a post: 未读, 读到 NN% or 已读. */
export function readState(progress: Pick<ReadingProgress, 'depthPct' | 'finished'> | undefined | null): { state: ReadState, label: string, pct: number } {
  if (progress?.finished)
    return { state: 'read', label: '已读', pct: 100 }
  const pct = Math.max(0, Math.min(99, Math.floor(progress?.depthPct ?? 0)))
  if (!progress || pct < 1)
    return { state: 'unread', label: '未读', pct: 0 }
  return { state: 'reading', label: `读到 ${pct}%`, pct }
}
