import type { Db } from '../database.ts'
import { and, asc, avg, count, countDistinct, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { quizAttempts, quizzes, users } from '../schema.ts'

export type QuizRow = typeof quizzes.$inferSelect
export type QuizInsert = typeof quizzes.$inferInsert
export type AttemptRow = typeof quizAttempts.$inferSelect

export async function findQuiz(db: Db, id: string): Promise<QuizRow | null> {
  const [row] = await db.select().from(quizzes).where(eq(quizzes.id, id))
  return row ?? null
}

export async function listQuizzes(db: Db): Promise<QuizRow[]> {
  return db.select().from(quizzes).orderBy(desc(quizzes.createdAt), asc(quizzes.id))
}

/** Returns null when the id is taken. */
export async function insertQuiz(db: Db, values: QuizInsert): Promise<QuizRow | null> {
  const [row] = await db.insert(quizzes).values(values).onConflictDoNothing().returning()
  return row ?? null
}

export async function updateQuiz(db: Db, id: string, set: Partial<QuizInsert>): Promise<QuizRow | null> {
  const [row] = await db.update(quizzes).set({ ...set, updatedAt: sql`now()` }).where(eq(quizzes.id, id)).returning()
  return row ?? null
}

export async function attemptsOf(db: Db, quizId: string, userId: number): Promise<AttemptRow[]> {
  return db.select().from(quizAttempts).where(and(eq(quizAttempts.quizId, quizId), eq(quizAttempts.userId, userId))).orderBy(asc(quizAttempts.attemptNo))
}

/** The UNIQUE (quiz, user, attempt_no) index settles concurrent starts: the loser gets null. */
export async function insertAttempt(db: Db, a: { quizId: string, userId: number, attemptNo: number, startedAt: Date, deadlineAt: Date | null, refCode: string | null }): Promise<AttemptRow | null> {
  const [row] = await db.insert(quizAttempts).values(a).onConflictDoNothing().returning()
  return row ?? null
}

/** Scores an attempt once: a second, concurrent submission of the same attempt gets null. */
export async function submitAttempt(db: Db, id: number, set: Pick<AttemptRow, 'submittedAt' | 'answers' | 'score' | 'maxScore' | 'correctCount' | 'outcomeId'>): Promise<AttemptRow | null> {
  const [row] = await db.update(quizAttempts).set(set).where(and(eq(quizAttempts.id, id), isNull(quizAttempts.submittedAt))).returning()
  return row ?? null
}

/** A timed attempt that ran out: used up, never scored. */
export async function expireAttempt(db: Db, id: number, at: Date): Promise<void> {
  await db.update(quizAttempts).set({ submittedAt: at }).where(and(eq(quizAttempts.id, id), isNull(quizAttempts.submittedAt)))
}

function firstScored(quizId: string) {
  return and(
    eq(quizAttempts.quizId, quizId),
    eq(quizAttempts.attemptNo, 1),
    isNotNull(quizAttempts.submittedAt),
    isNotNull(quizAttempts.score),
  )
}

/** Other real (non-snapshot) followers' scored first attempts: how many, and how many scored below `score`. */
export async function firstAttemptsBelow(db: Db, quizId: string, userId: number, score: number): Promise<{ below: number, total: number }> {
  const [row] = await db.select({
    below: sql<number>`count(*) FILTER (WHERE ${quizAttempts.score} < ${score})`,
    total: count(),
  }).from(quizAttempts).innerJoin(users, eq(users.id, quizAttempts.userId)).where(and(firstScored(quizId), eq(users.isSnapshot, false), sql`${quizAttempts.userId} <> ${userId}`))
  return { below: Number(row?.below ?? 0), total: Number(row?.total ?? 0) }
}

export async function quizStats(db: Db, quizId: string) {
  const submitted = and(eq(quizAttempts.quizId, quizId), isNotNull(quizAttempts.submittedAt), isNotNull(quizAttempts.score))
  const [totals] = await db.select({ attempts: count(), participants: countDistinct(quizAttempts.userId) }).from(quizAttempts).where(submitted)
  const [first] = await db.select({ average: avg(quizAttempts.score) }).from(quizAttempts).where(firstScored(quizId))
  const outcomes = await db.select({ id: quizAttempts.outcomeId, count: count() }).from(quizAttempts).where(and(submitted, isNotNull(quizAttempts.outcomeId))).groupBy(quizAttempts.outcomeId)
  const refs = await db.select({ refCode: quizAttempts.refCode, attempts: count() }).from(quizAttempts).where(submitted).groupBy(quizAttempts.refCode).orderBy(desc(count()))
  return {
    attempts: Number(totals?.attempts ?? 0),
    participants: Number(totals?.participants ?? 0),
    averageFirstScore: first?.average == null ? undefined : Number(first.average),
    outcomes: outcomes.map(o => ({ id: o.id!, count: Number(o.count) })),
    byReferrer: refs.map(r => ({ refCode: r.refCode, attempts: Number(r.attempts) })),
  }
}
