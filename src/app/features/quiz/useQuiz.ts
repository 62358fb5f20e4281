import type { AttemptResult, QuizView } from '@shared/schemas/quizzes'
import type { MaybeRefOrGetter } from 'vue'
import { onUnmounted, ref, toValue, watch } from 'vue'
import { HttpError } from '../../platform/http.ts'
import { usePlatform } from '../../platform/services.ts'
import { useRequireSignIn } from '../auth/index.ts'
import { getQuiz, postAttempt, startQuiz } from './quiz.api.ts'

export type QuizStage = 'loading' | 'intro' | 'answering' | 'submitting' | 'result' | 'not-found' | 'error'

/** What survives the sign-in round trip: where the reader was and what they chose. */
interface QuizIntent { step: 'start' | 'submit', answers: Record<string, string[]> }

const REFUSALS: Record<string, string> = {
  NO_ATTEMPTS_LEFT: '答题次数已用完',
  TIME_UP: '时间到，本次作答未能提交',
  NOT_STARTED: '请先开始答题',
  QUIZ_CLOSED: '测验已结束或尚未开始',
  SNAPSHOT_USER: '请打开完整页面后再答题',
}

/**
 * One quiz from intro to result. Timed quizzes sign in before starting (the server stamps the
 * start); untimed ones let anyone answer and sign in on submit, the answers kept across the
 * round trip. The server scores; nothing here knows the key.
 */
export function useQuiz(id: MaybeRefOrGetter<string>) {
  const { http } = usePlatform()
  const quiz = ref<QuizView | null>(null)
  const stage = ref<QuizStage>('loading')
  const answers = ref<Record<string, string[]>>({})
  const current = ref(0)
  const result = ref<AttemptResult | null>(null)
  const deadline = ref<number | null>(null)
  const signIn = useRequireSignIn<QuizIntent>(`quiz:${toValue(id)}`)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function load() {
    try {
      quiz.value = await getQuiz(http, toValue(id))
      stage.value = 'intro'
    }
    catch (err) {
      stage.value = err instanceof HttpError && err.status === 404 ? 'not-found' : 'error'
    }
  }

  function fail(err: unknown) {
    const code = err instanceof HttpError ? err.code : ''
    showToast(REFUSALS[code] ?? '网络不太稳定，请稍后再试')
  }

  function armTimer() {
    clearTimeout(timer)
    if (deadline.value !== null)
      timer = setTimeout(() => void submitNow(), Math.max(0, deadline.value - Date.now()))
  }

  async function beginTimed() {
    try {
      const started = await startQuiz(http, quiz.value!.id)
      // The server's clock decides; the countdown shows the time it granted.
      const granted = started.deadline ? Date.parse(started.deadline) - Date.parse(started.startedAt) : null
      deadline.value = granted === null ? null : Date.now() + granted
      stage.value = 'answering'
      armTimer()
    }
    catch (err) {
      fail(err)
      await load()
    }
  }

  async function start() {
    if (!quiz.value)
      return
    current.value = 0
    result.value = null
    if (quiz.value.timeLimitSeconds)
      await signIn.run({ step: 'start', answers: {} }, beginTimed)
    else
      stage.value = 'answering'
  }

  async function send(chosen: Record<string, string[]>) {
    stage.value = 'submitting'
    clearTimeout(timer)
    try {
      const list = Object.entries(chosen).filter(([, o]) => o.length > 0).map(([questionId, optionIds]) => ({ questionId, optionIds }))
      result.value = await postAttempt(http, quiz.value!.id, list)
      stage.value = 'result'
      quiz.value = await getQuiz(http, quiz.value!.id).catch(() => quiz.value)
    }
    catch (err) {
      fail(err)
      stage.value = 'intro'
      await load()
    }
  }

  async function submitNow() {
    if (stage.value !== 'answering')
      return
    await signIn.run({ step: 'submit', answers: answers.value }, state => send(state.answers))
  }

  function choose(questionId: string, optionId: string, multi: boolean) {
    const mine = answers.value[questionId] ?? []
    answers.value = {
      ...answers.value,
      [questionId]: multi ? (mine.includes(optionId) ? mine.filter(x => x !== optionId) : [...mine, optionId]) : [optionId],
    }
  }

  async function resume() {
    await signIn.resume(async (state) => {
      answers.value = state.answers
      if (state.step === 'start')
        await beginTimed()
      else
        await send(state.answers)
    })
  }

  watch(() => toValue(id), async () => {
    stage.value = 'loading'
    answers.value = {}
    result.value = null
    await load()
    await resume()
  }, { immediate: true })
  onUnmounted(() => clearTimeout(timer))

  return { quiz, stage, answers, current, result, deadline, start, choose, submit: submitNow, load }
}
