import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })
const ImageUrl = Type.String({ minLength: 1, maxLength: 1024, pattern: '^(https?://|/)' })

export const QuizParams = Type.Object({ id: Id })
export type QuizParams = Static<typeof QuizParams>

export const QuizMode = Type.Union([Type.Literal('scored'), Type.Literal('outcome')])
export const QuestionKind = Type.Union([Type.Literal('single'), Type.Literal('multi')])

/** A question as readers see it before submitting: no key, no points per option, no explanation. */
export const QuizQuestionView = Type.Object({
  id: Type.String(),
  prompt: Type.String(),
  kind: QuestionKind,
  imageUrl: Type.Optional(Type.String()),
  options: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
})

export const MyAttempts = Type.Object({
  used: Type.Integer(),
  left: Type.Integer(),
  /** The best submitted score (scored quizzes). */
  bestScore: Type.Optional(Type.Integer()),
  /** An attempt started and still running (timed quizzes): its deadline. */
  openDeadline: Type.Optional(Type.String({ format: 'date-time' })),
})
export type MyAttempts = Static<typeof MyAttempts>

export const QuizView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  mode: QuizMode,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('scheduled')]),
  timeLimitSeconds: Type.Optional(Type.Integer()),
  attemptsAllowed: Type.Integer(),
  questions: Type.Array(QuizQuestionView),
  myAttempts: Type.Optional(MyAttempts),
})
export type QuizView = Static<typeof QuizView>

/** POST /api/quizzes/:id/start: the server stamps when a (timed) attempt began. */
export const QuizStart = Type.Object({
  attemptId: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  deadline: Type.Optional(Type.String({ format: 'date-time' })),
})
export type QuizStart = Static<typeof QuizStart>

/** Only the choices count: a score, correctness or outcome sent alongside is dropped unread. */
export const AttemptBody = Type.Object({
  answers: Type.Array(Type.Object({
    questionId: Type.String({ minLength: 1, maxLength: 64 }),
    optionIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 30 }),
  }), { maxItems: 200 }),
})
export type AttemptBody = Static<typeof AttemptBody>

export const QuizOutcomeView = Type.Object({ id: Type.String(), title: Type.String(), description: Type.String(), imageUrl: Type.Optional(Type.String()) })
export type QuizOutcomeView = Static<typeof QuizOutcomeView>

/**
 * Outcome quizzes have no right answers: every question is `correct` when answered and
 * `correctOptionIds` is empty; `score`/`maxScore` are 0.
 */
export const AttemptResult = Type.Object({
  attemptId: Type.Integer(),
  score: Type.Integer(),
  maxScore: Type.Integer(),
  correctCount: Type.Integer(),
  questions: Type.Array(Type.Object({
    id: Type.String(),
    correct: Type.Boolean(),
    correctOptionIds: Type.Array(Type.String()),
    /** What this follower chose (for the review screen). */
    chosenOptionIds: Type.Array(Type.String()),
    explanation: Type.Optional(Type.String()),
  })),
  /** "超过了 N% 的读者": share of other real followers' first attempts scoring lower (scored quizzes with others). */
  percentile: Type.Optional(Type.Integer()),
  outcome: Type.Optional(QuizOutcomeView),
})
export type AttemptResult = Static<typeof AttemptResult>

// Operators (/api/admin/quizzes). This is where the key lives.

export const AdminQuizOption = Type.Object({
  id: Id,
  label: Type.String({ minLength: 1, maxLength: 300 }),
  /** Scored quizzes: part of the right answer. */
  correct: Type.Optional(Type.Boolean()),
  /** Outcome quizzes: weight added to each outcome id when chosen. */
  weights: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$' }), Type.Integer({ minimum: -100, maximum: 100 }))),
})
export type AdminQuizOption = Static<typeof AdminQuizOption>

export const AdminQuizQuestion = Type.Object({
  id: Id,
  prompt: Type.String({ minLength: 1, maxLength: 1000 }),
  kind: QuestionKind,
  imageUrl: Type.Optional(ImageUrl),
  points: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  explanation: Type.Optional(Type.String({ maxLength: 2000 })),
  options: Type.Array(AdminQuizOption, { minItems: 2, maxItems: 30 }),
})
export type AdminQuizQuestion = Static<typeof AdminQuizQuestion>

export const AdminQuizOutcome = Type.Object({
  id: Id,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 2000 }),
  imageUrl: Type.Optional(ImageUrl),
})
export type AdminQuizOutcome = Static<typeof AdminQuizOutcome>

const quizFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  mode: QuizMode,
  timeLimitSeconds: Type.Union([Type.Integer({ minimum: 5, maximum: 24 * 3600 }), Type.Null()]),
  attemptsAllowed: Type.Integer({ minimum: 1, maximum: 100 }),
  questions: Type.Array(AdminQuizQuestion, { minItems: 1, maxItems: 200 }),
  outcomes: Type.Array(AdminQuizOutcome, { maxItems: 30 }),
  opensAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}

export const AdminQuizCreate = Type.Object({
  id: Id,
  title: quizFields.title,
  description: quizFields.description,
  mode: quizFields.mode,
  timeLimitSeconds: Type.Optional(quizFields.timeLimitSeconds),
  attemptsAllowed: Type.Optional(quizFields.attemptsAllowed),
  questions: quizFields.questions,
  outcomes: Type.Optional(quizFields.outcomes),
  opensAt: Type.Optional(quizFields.opensAt),
})
export type AdminQuizCreate = Static<typeof AdminQuizCreate>

export const AdminQuizPatch = Type.Partial(Type.Object(quizFields), { minProperties: 1 })
export type AdminQuizPatch = Static<typeof AdminQuizPatch>

export const AdminQuiz = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  mode: QuizMode,
  status: QuizView.properties.status,
  timeLimitSeconds: Type.Optional(Type.Integer()),
  attemptsAllowed: Type.Integer(),
  questions: Type.Array(AdminQuizQuestion),
  outcomes: Type.Array(AdminQuizOutcome),
  opensAt: Type.Optional(Type.String({ format: 'date-time' })),
  closedAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type AdminQuiz = Static<typeof AdminQuiz>

export const AdminQuizList = Type.Object({ quizzes: Type.Array(AdminQuiz) })

export const AdminQuizResults = Type.Object({
  id: Type.String(),
  attempts: Type.Integer(),
  /** Distinct followers with a submitted attempt. */
  participants: Type.Integer(),
  averageFirstScore: Type.Optional(Type.Number()),
  outcomes: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer() })),
  byReferrer: Type.Array(Type.Object({ refCode: Type.Union([Type.String(), Type.Null()]), attempts: Type.Integer() })),
})
export type AdminQuizResults = Static<typeof AdminQuizResults>
