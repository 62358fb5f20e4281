import type { Block } from '@shared/schemas/blocks.ts'

export interface SplitBlocks {
  /** What everyone reads: the blocks before the paywall break (all of them when there is none). */
  free: Block[]
  /** The blocks after the break (empty for a locked post: the server sent none). */
  premium: Block[]
  /** Index in `blocks` of the first premium block (for reading progress, which counts from 0). */
  premiumStart: number
  hasBreak: boolean
}

export function splitAtPaywall(blocks: readonly Block[]): SplitBlocks {
  const at = blocks.findIndex(b => b.type === 'paywall')
  if (at < 0)
    return { free: [...blocks], premium: [], premiumStart: blocks.length, hasBreak: false }
  return { free: blocks.slice(0, at), premium: blocks.slice(at + 1), premiumStart: at + 1, hasBreak: true }
}
