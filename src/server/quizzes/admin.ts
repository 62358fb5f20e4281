import type { AdminQuiz, AdminQuizCreate, AdminQuizPatch, AdminQuizResults } from '../../shared/schemas/quizzes.ts'
import type { AuditActor } from '../audit/audit-log.ts'
import type { QuizRow } from '../db/queries/quizzes.ts'
import type { QuizContext } from './service.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { findQuiz, insertQuiz, listQuizzes, quizStats, updateQuiz } from '../db/queries/quizzes.ts'
import { ApiError, notFound } from '../http/api-error.ts'
import { adminQuizView } from './views.ts'

type Shape = Pick<QuizRow, 'mode' | 'questions' | 'outcomes'>

/** What the schemas cannot say: unique ids, a key for every scored question, weights naming real outcomes. */
function checkShape(q: Shape): void {
  const unique = (ids: string[], what: string) => {
    if (new Set(ids).size !== ids.length)
      throw new ApiError(400, 'DUPLICATE_ID', `${what} ids must be unique`)
  }
  unique(q.questions.map(x => x.id), 'Question')
  unique(q.outcomes.map(x => x.id), 'Outcome')
  const outcomeIds = new Set(q.outcomes.map(o => o.id))
  if (q.mode === 'outcome' && outcomeIds.size < 2)
    throw new ApiError(400, 'OUTCOMES_REQUIRED', 'An outcome quiz needs at least two outcomes')
  for (const question of q.questions) {
    unique(question.options.map(o => o.id), `Options of ${question.id}: option`)
    if (q.mode === 'scored') {
      const key = question.options.filter(o => o.correct).length
      if (key === 0 || (question.kind === 'single' && key > 1))
        throw new ApiError(400, 'ANSWER_KEY_INVALID', `Question ${question.id} needs ${question.kind === 'single' ? 'exactly one' : 'at least one'} correct option`)
    }
    else {
      for (const o of question.options) {
        const unknown = Object.keys(o.weights ?? {}).find(id => !outcomeIds.has(id))
        if (unknown)
          throw new ApiError(400, 'UNKNOWN_OUTCOME', `Option ${question.id}/${o.id} weighs unknown outcome ${unknown}`)
      }
    }
  }
}

export async function adminListQuizzes(ctx: QuizContext): Promise<AdminQuiz[]> {
  const now = ctx.now()
  return (await listQuizzes(ctx.db)).map(q => adminQuizView(q, now))
}

export async function adminCreateQuiz(ctx: QuizContext, who: AuditActor, body: AdminQuizCreate): Promise<AdminQuiz> {
  const shape = { mode: body.mode, questions: body.questions, outcomes: body.outcomes ?? [] }
  checkShape(shape)
  const quiz = await ctx.db.transaction(async (tx) => {
    const row = await insertQuiz(tx, {
      id: body.id,
      title: body.title,
      description: body.description ?? null,
      ...shape,
      timeLimitSeconds: body.timeLimitSeconds ?? null,
      attemptsAllowed: body.attemptsAllowed ?? 1,
      opensAt: body.opensAt ? new Date(body.opensAt) : null,
    })
    if (row)
      await recordAudit(tx, who, { action: 'quiz.create', targetType: 'quiz', targetId: row.id, details: { title: row.title, mode: row.mode } })
    return row
  })
  if (!quiz)
    throw new ApiError(409, 'QUIZ_EXISTS', `A quiz with id ${body.id} exists`)
  return adminQuizView(quiz, ctx.now())
}

export async function adminUpdateQuiz(ctx: QuizContext, who: AuditActor, id: string, patch: AdminQuizPatch): Promise<AdminQuiz> {
  const quiz = await ctx.db.transaction(async (tx) => {
    const current = await findQuiz(tx, id)
    if (!current)
      throw notFound('Quiz')
    checkShape({ mode: patch.mode ?? current.mode, questions: patch.questions ?? current.questions, outcomes: patch.outcomes ?? current.outcomes })
    const { opensAt, ...rest } = patch
    const row = await updateQuiz(tx, id, { ...rest, ...(opensAt !== undefined ? { opensAt: opensAt ? new Date(opensAt) : null } : {}) })
    await recordAudit(tx, who, { action: 'quiz.update', targetType: 'quiz', targetId: id, details: { fields: Object.keys(patch) } })
    return row!
  })
  return adminQuizView(quiz, ctx.now())
}

export async function adminSetQuizOpen(ctx: QuizContext, who: AuditActor, id: string, open: boolean): Promise<AdminQuiz> {
  const now = ctx.now()
  const quiz = await ctx.db.transaction(async (tx) => {
    const current = await findQuiz(tx, id)
    if (!current)
      throw notFound('Quiz')
    const row = await updateQuiz(tx, id, open ? { closedAt: null, opensAt: current.opensAt && current.opensAt > now ? now : current.opensAt } : { closedAt: now })
    await recordAudit(tx, who, { action: open ? 'quiz.open' : 'quiz.close', targetType: 'quiz', targetId: id })
    return row!
  })
  return adminQuizView(quiz, now)
}

export async function adminQuizResults(ctx: QuizContext, id: string): Promise<AdminQuizResults> {
  if (!await findQuiz(ctx.db, id))
    throw notFound('Quiz')
  return { id, ...await quizStats(ctx.db, id) }
}
