import type { AdminQuiz, MyAttempts, QuizView } from '../../shared/schemas/quizzes.ts'
import type { QuizRow } from '../db/queries/quizzes.ts'

export type QuizStatus = 'open' | 'closed' | 'scheduled'

export function quizStatus(quiz: Pick<QuizRow, 'opensAt' | 'closedAt'>, now: Date): QuizStatus {
  if (quiz.closedAt)
    return 'closed'
  return quiz.opensAt && quiz.opensAt.getTime() > now.getTime() ? 'scheduled' : 'open'
}

/** What both views show of a quiz besides its questions; none of it touches the key. */
function quizHeader(quiz: QuizRow, now: Date) {
  return {
    id: quiz.id,
    title: quiz.title,
    ...(quiz.description ? { description: quiz.description } : {}),
    mode: quiz.mode,
    status: quizStatus(quiz, now),
    ...(quiz.timeLimitSeconds ? { timeLimitSeconds: quiz.timeLimitSeconds } : {}),
    attemptsAllowed: quiz.attemptsAllowed,
  }
}

/**
 * The quiz as anyone may see it before submitting. Built field by field, never by copying
 * the stored questions: the key (`correct`), outcome weights, points and explanations stay
 * on the server.
 */
export function quizView(quiz: QuizRow, now: Date, myAttempts?: MyAttempts): QuizView {
  return {
    ...quizHeader(quiz, now),
    questions: quiz.questions.map(q => ({
      id: q.id,
      prompt: q.prompt,
      kind: q.kind,
      ...(q.imageUrl ? { imageUrl: q.imageUrl } : {}),
      options: q.options.map(o => ({ id: o.id, label: o.label })),
    })),
    ...(myAttempts ? { myAttempts } : {}),
  }
}

export function adminQuizView(quiz: QuizRow, now: Date): AdminQuiz {
  return {
    ...quizHeader(quiz, now),
    questions: quiz.questions,
    outcomes: quiz.outcomes,
    ...(quiz.opensAt ? { opensAt: quiz.opensAt.toISOString() } : {}),
    ...(quiz.closedAt ? { closedAt: quiz.closedAt.toISOString() } : {}),
  }
}
