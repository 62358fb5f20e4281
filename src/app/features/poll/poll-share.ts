import type { PollView } from '@shared/schemas/polls'

/** The share card: the question before voting, "我投了「X」，你呢？" after. The link stays the poll's. */
export function pollShareData(poll: PollView | null): { title: string, desc: string } | undefined {
  if (!poll)
    return undefined
  const mine = poll.myVote?.optionIds.map(id => poll.options.find(o => o.id === id)?.label).filter(Boolean) ?? []
  if (mine.length > 0)
    return { title: `我投了「${mine.join('、')}」，你呢？`, desc: poll.title }
  return { title: poll.title, desc: poll.description ?? '来投一票，看看大家怎么选' }
}
