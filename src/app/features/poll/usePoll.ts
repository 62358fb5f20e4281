import type { PollResults, PollView } from '@shared/schemas/polls'
import type { MaybeRefOrGetter } from 'vue'
import { onUnmounted, ref, toValue, watch } from 'vue'
import { HttpError } from '../../platform/http.ts'
import { usePlatform } from '../../platform/services.ts'
import { useRequireSignIn } from '../auth/index.ts'
import { followResults } from './live-results.ts'
import { getPoll, postVote } from './poll.api.ts'

export type PollStatus = 'loading' | 'ready' | 'not-found' | 'error'

interface VoteIntent { optionIds: string[] }

const REFUSALS: Record<string, string> = {
  POLL_CLOSED: '投票已结束或尚未开始',
  NOT_ELIGIBLE: '这个投票仅限会员参与',
  SNAPSHOT_USER: '请打开完整页面后再投票',
  ALREADY_VOTED: '你已经投过票了',
}

/**
 * One poll: the reader's selection, voting with lazy sign-in (the selection survives the
 * WeChat sign-in round trip) and live results once the poll lets this reader see them.
 */
export function usePoll(id: MaybeRefOrGetter<string>) {
  const { http, events } = usePlatform()
  const poll = ref<PollView | null>(null)
  const status = ref<PollStatus>('loading')
  const selected = ref<string[]>([])
  const voting = ref(false)
  const signIn = useRequireSignIn<VoteIntent>(`poll:vote:${toValue(id)}`)
  let stopLive: (() => void) | null = null

  function applyResults(results: PollResults) {
    if (poll.value)
      poll.value = { ...poll.value, results }
  }

  function follow() {
    stopLive?.()
    stopLive = null
    if (!poll.value?.results || poll.value.status === 'closed')
      return
    const pollId = poll.value.id
    stopLive = followResults({
      pollId,
      events,
      fetchResults: async () => (await getPoll(http, pollId)).results,
      onResults: applyResults,
    })
  }

  async function load() {
    const pollId = toValue(id)
    try {
      const view = await getPoll(http, pollId)
      if (pollId !== toValue(id))
        return
      poll.value = view
      if (view.myVote)
        selected.value = [...view.myVote.optionIds]
      status.value = 'ready'
      follow()
    }
    catch (err) {
      if (status.value !== 'ready')
        status.value = err instanceof HttpError && err.status === 404 ? 'not-found' : 'error'
    }
  }

  async function submit({ optionIds }: VoteIntent) {
    const pollId = toValue(id)
    voting.value = true
    try {
      const res = await postVote(http, pollId, optionIds)
      if (poll.value)
        poll.value = { ...poll.value, myVote: res.myVote, ...(res.results ? { results: res.results } : {}) }
      follow()
      showToast({ message: '投票成功', type: 'success' })
    }
    catch (err) {
      const code = err instanceof HttpError ? err.code : ''
      showToast(REFUSALS[code] ?? '投票没有成功，请稍后再试')
      if (code === 'ALREADY_VOTED' || code === 'POLL_CLOSED')
        await load()
    }
    finally {
      voting.value = false
    }
  }

  /** Votes for the selection, signing in first when needed. */
  async function vote() {
    if (selected.value.length === 0 || voting.value)
      return
    await signIn.run({ optionIds: [...selected.value] }, submit)
  }

  /** After the sign-in round trip: restore the selection and finish the vote. */
  async function resume() {
    const intent = await signIn.resume(async (state) => {
      selected.value = [...state.optionIds]
      if (!poll.value?.myVote)
        await submit(state)
    })
    if (intent)
      selected.value = [...intent.optionIds]
  }

  function toggle(optionId: string) {
    if (!poll.value || poll.value.myVote || poll.value.status !== 'open')
      return
    if (poll.value.maxChoices === 1) {
      selected.value = [optionId]
      return
    }
    if (selected.value.includes(optionId))
      selected.value = selected.value.filter(x => x !== optionId)
    else if (selected.value.length < poll.value.maxChoices)
      selected.value = [...selected.value, optionId]
    else
      showToast(`最多选择 ${poll.value.maxChoices} 项`)
  }

  watch(() => toValue(id), async () => {
    status.value = 'loading'
    poll.value = null
    selected.value = []
    await load()
    await resume()
  }, { immediate: true })
  onUnmounted(() => stopLive?.())

  return { poll, status, selected, voting, load, vote, toggle }
}
