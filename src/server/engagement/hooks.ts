import type { FastifyBaseLogger } from 'fastify'

/** A ballot the database accepted (sent after the commit, once per ballot). */
export interface BallotEvent {
  pollId: string
  userId: number
  optionIds: string[]
  refCode: string | null
  at: Date
}

/** A quiz attempt that was scored (sent after the commit, once per attempt). */
export interface QuizCompletedEvent {
  quizId: string
  attemptId: number
  userId: number
  attemptNo: number
  score: number
  maxScore: number
  outcomeId: string | null
  refCode: string | null
  at: Date
}

type Listener<E> = (event: E) => void | Promise<void>

/**
 * The server's own truth about participation, for whoever needs to count it (analytics):
 * `app.engagement.onBallot(fn)` / `onQuizCompleted(fn)`. Listeners run after the response
 * is decided and cannot fail a vote: their errors are logged.
 */
export function createEngagementHooks(log: FastifyBaseLogger) {
  const ballots: Listener<BallotEvent>[] = []
  const completions: Listener<QuizCompletedEvent>[] = []
  const emit = <E>(list: Listener<E>[], event: E) => {
    for (const fn of list) {
      Promise.resolve().then(() => fn(event)).catch((err: unknown) => log.error({ err }, 'engagement listener failed'))
    }
  }
  return {
    onBallot: (fn: Listener<BallotEvent>) => { ballots.push(fn) },
    onQuizCompleted: (fn: Listener<QuizCompletedEvent>) => { completions.push(fn) },
    emitBallot: (event: BallotEvent) => emit(ballots, event),
    emitQuizCompleted: (event: QuizCompletedEvent) => emit(completions, event),
  }
}

export type EngagementHooks = ReturnType<typeof createEngagementHooks>
