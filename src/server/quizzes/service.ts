import type { AttemptResult, MyAttempts, QuizStart, QuizView } from '../../shared/schemas/quizzes.ts'
import type { Db } from '../db/database.ts'
import type { AttemptRow, QuizRow } from '../db/queries/quizzes.ts'
import type { User } from '../db/queries/users.ts'
import type { EngagementHooks } from '../engagement/hooks.ts'
import type { Answers } from './scoring.ts'
import { arrivalRefCode } from '../db/queries/attribution.ts'
import { attemptsOf, expireAttempt, findQuiz, firstAttemptsBelow, insertAttempt, submitAttempt } from '../db/queries/quizzes.ts'
import { ApiError, notFound, unauthorized } from '../http/api-error.ts'
import { checkAnswers, score } from './scoring.ts'
import { quizStatus, quizView } from './views.ts'

export interface QuizContext {
  db: Db
  now: () => Date
  hooks: EngagementHooks
}

/** Answers sent this long after the deadline still count: the tap happened in time, the network was slow. */
export const SUBMIT_GRACE_MS = 3000

const isRunning = (a: AttemptRow, now: Date) => !a.submittedAt && (!a.deadlineAt || now.getTime() <= a.deadlineAt.getTime() + SUBMIT_GRACE_MS)

function summarize(quiz: QuizRow, attempts: AttemptRow[], now: Date): MyAttempts {
  const running = attempts.find(a => isRunning(a, now))
  const used = attempts.filter(a => a !== running).length
  const scores = attempts.filter(a => a.score !== null).map(a => a.score!)
  return {
    used,
    left: Math.max(0, quiz.attemptsAllowed - used),
    ...(quiz.mode === 'scored' && scores.length > 0 ? { bestScore: Math.max(...scores) } : {}),
    ...(running?.deadlineAt ? { openDeadline: running.deadlineAt.toISOString() } : {}),
  }
}

export async function readQuiz(ctx: QuizContext, quizId: string, user: User | null): Promise<QuizView> {
  const quiz = await findQuiz(ctx.db, quizId)
  if (!quiz)
    throw notFound('Quiz')
  const now = ctx.now()
  const mine = user && !user.isSnapshot ? summarize(quiz, await attemptsOf(ctx.db, quiz.id, user.id), now) : undefined
  return quizView(quiz, now, mine)
}

async function openQuizFor(ctx: QuizContext, quizId: string, user: User | null): Promise<{ quiz: QuizRow, user: User }> {
  if (!user)
    throw unauthorized()
  const quiz = await findQuiz(ctx.db, quizId)
  if (!quiz)
    throw notFound('Quiz')
  if (user.isSnapshot)
    throw new ApiError(403, 'SNAPSHOT_USER', 'Open the full page to take the quiz: snapshot-mode visitors cannot')
  const status = quizStatus(quiz, ctx.now())
  if (status !== 'open')
    throw new ApiError(409, 'QUIZ_CLOSED', status === 'scheduled' ? 'This quiz is not open yet' : 'This quiz is closed')
  return { quiz, user }
}

/**
 * The follower's running attempt, or a new one stamped now. Timed-out attempts are closed
 * as used. Concurrent starts race on the UNIQUE attempt number; the loser re-reads.
 */
async function runningAttempt(ctx: QuizContext, quiz: QuizRow, user: User, refCode: () => Promise<string | null>): Promise<AttemptRow> {
  for (let tries = 0; tries < 5; tries++) {
    const now = ctx.now()
    const attempts = await attemptsOf(ctx.db, quiz.id, user.id)
    const running = attempts.find(a => isRunning(a, now))
    if (running)
      return running
    for (const a of attempts.filter(a => !a.submittedAt))
      await expireAttempt(ctx.db, a.id, now)
    const next = attempts.reduce((n, a) => Math.max(n, a.attemptNo), 0) + 1
    if (next > quiz.attemptsAllowed)
      throw new ApiError(409, 'NO_ATTEMPTS_LEFT', 'No attempts left for this quiz')
    const deadlineAt = quiz.timeLimitSeconds ? new Date(now.getTime() + quiz.timeLimitSeconds * 1000) : null
    const created = await insertAttempt(ctx.db, { quizId: quiz.id, userId: user.id, attemptNo: next, startedAt: now, deadlineAt, refCode: await refCode() })
    if (created)
      return created
  }
  throw new ApiError(409, 'CONFLICT', 'Try again')
}

/** POST /api/quizzes/:id/start: the server's clock, not the phone's, starts the time limit. */
export async function startQuiz(ctx: QuizContext, quizId: string, user: User | null, visitorToken?: string): Promise<QuizStart> {
  const opened = await openQuizFor(ctx, quizId, user)
  const attempt = await runningAttempt(ctx, opened.quiz, opened.user, () => arrivalRefCode(ctx.db, { userId: opened.user.id, visitorToken, path: `/quizzes/${quizId}` }))
  return {
    attemptId: attempt.id,
    startedAt: attempt.startedAt.toISOString(),
    ...(attempt.deadlineAt ? { deadline: attempt.deadlineAt.toISOString() } : {}),
  }
}

/**
 * Scores a submission on the server from the chosen options alone. A timed quiz must have
 * been started (its clock is the server's); answers arriving after the deadline are refused
 * and the attempt is used up.
 */
export async function submitQuiz(ctx: QuizContext, quizId: string, user: User | null, answers: Answers, visitorToken?: string): Promise<AttemptResult> {
  const { quiz, user: me } = await openQuizFor(ctx, quizId, user)
  checkAnswers(quiz, answers)
  const now = ctx.now()
  const attempts = await attemptsOf(ctx.db, quiz.id, me.id)
  const unsubmitted = attempts.find(a => !a.submittedAt)
  if (unsubmitted && !isRunning(unsubmitted, now)) {
    await expireAttempt(ctx.db, unsubmitted.id, now)
    throw new ApiError(409, 'TIME_UP', 'The time limit for this attempt has passed')
  }
  if (quiz.timeLimitSeconds && !unsubmitted) {
    if (attempts.length >= quiz.attemptsAllowed)
      throw new ApiError(409, 'NO_ATTEMPTS_LEFT', 'No attempts left for this quiz')
    throw new ApiError(409, 'NOT_STARTED', 'Start the quiz first: POST /api/quizzes/:id/start')
  }
  const attempt = unsubmitted ?? await runningAttempt(ctx, quiz, me, () => arrivalRefCode(ctx.db, { userId: me.id, visitorToken, path: `/quizzes/${quiz.id}` }))

  const result = score(quiz, answers)
  const saved = await submitAttempt(ctx.db, attempt.id, { submittedAt: now, answers, score: result.score, maxScore: result.maxScore, correctCount: result.correctCount, outcomeId: result.outcomeId })
  if (!saved)
    throw new ApiError(409, 'NO_ATTEMPTS_LEFT', 'This attempt was already submitted')

  let percentile: number | undefined
  if (quiz.mode === 'scored') {
    const { below, total } = await firstAttemptsBelow(ctx.db, quiz.id, me.id, result.score)
    percentile = total > 0 ? Math.floor((100 * below) / total) : undefined
  }
  const outcome = result.outcomeId ? quiz.outcomes.find(o => o.id === result.outcomeId) : undefined
  ctx.hooks.emitQuizCompleted({ quizId: quiz.id, attemptId: saved.id, userId: me.id, attemptNo: saved.attemptNo, score: result.score, maxScore: result.maxScore, outcomeId: result.outcomeId, refCode: saved.refCode, at: now })
  return {
    attemptId: saved.id,
    score: result.score,
    maxScore: result.maxScore,
    correctCount: result.correctCount,
    questions: result.questions,
    ...(percentile !== undefined ? { percentile } : {}),
    ...(outcome ? { outcome: { id: outcome.id, title: outcome.title, description: outcome.description, ...(outcome.imageUrl ? { imageUrl: outcome.imageUrl } : {}) } } : {}),
  }
}
