import type { Db } from '../database.ts'
import { and, asc, count, countDistinct, desc, eq, max, min, sql } from 'drizzle-orm'
import { pollBallots, polls, pollVotes } from '../schema.ts'

export type PollRow = typeof polls.$inferSelect
export type PollInsert = typeof polls.$inferInsert
export type BallotRow = typeof pollBallots.$inferSelect

export interface ResultCounts { voters: number, votes: Map<string, number> }

export async function findPoll(db: Db, id: string): Promise<PollRow | null> {
  const [row] = await db.select().from(polls).where(eq(polls.id, id))
  return row ?? null
}

export async function listPolls(db: Db): Promise<PollRow[]> {
  return db.select().from(polls).orderBy(desc(polls.createdAt), asc(polls.id))
}

/** Returns null when the id is taken. */
export async function insertPoll(db: Db, values: PollInsert): Promise<PollRow | null> {
  const [row] = await db.insert(polls).values(values).onConflictDoNothing().returning()
  return row ?? null
}

export async function updatePoll(db: Db, id: string, set: Partial<PollInsert>): Promise<PollRow | null> {
  const [row] = await db.update(polls).set({ ...set, updatedAt: sql`now()` }).where(eq(polls.id, id)).returning()
  return row ?? null
}

/**
 * Exact counts, read from the ballots and votes indexes. Nothing is ever updated in place,
 * so voters never wait on each other (see src/server/polls/README.md).
 */
export async function countResults(db: Db, pollId: string): Promise<ResultCounts> {
  const [voters] = await db.select({ n: countDistinct(pollBallots.userId) }).from(pollBallots).where(eq(pollBallots.pollId, pollId))
  const rows = await db.select({ optionId: pollVotes.optionId, n: count() }).from(pollVotes).where(eq(pollVotes.pollId, pollId)).groupBy(pollVotes.optionId)
  return { voters: Number(voters?.n ?? 0), votes: new Map(rows.map(r => [r.optionId, Number(r.n)])) }
}

export async function countBallots(db: Db, pollId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(pollBallots).where(eq(pollBallots.pollId, pollId))
  return Number(row?.n ?? 0)
}

/** The follower's ballot for this poll (for daily polls: for `day`). */
export async function findBallot(db: Db, pollId: string, userId: number, day: string): Promise<BallotRow | null> {
  const [row] = await db.select().from(pollBallots).where(and(eq(pollBallots.pollId, pollId), eq(pollBallots.userId, userId), eq(pollBallots.ballotDay, day)))
  return row ?? null
}

/**
 * Inserts a ballot and its votes atomically. The UNIQUE (poll, user, day) index decides
 * between concurrent ballots of one follower: the loser gets null, under any concurrency.
 */
export async function insertBallot(db: Db, b: { pollId: string, userId: number, day: string, optionIds: string[], refCode: string | null }): Promise<BallotRow | null> {
  return db.transaction(async (tx) => {
    const [ballot] = await tx.insert(pollBallots)
      .values({ pollId: b.pollId, userId: b.userId, ballotDay: b.day, optionIds: b.optionIds, refCode: b.refCode })
      .onConflictDoNothing()
      .returning()
    if (!ballot)
      return null
    await tx.insert(pollVotes).values(b.optionIds.map(optionId => ({ ballotId: ballot.id, pollId: b.pollId, optionId })))
    return ballot
  })
}

export async function ballotsByReferrer(db: Db, pollId: string) {
  const rows = await db.select({
    refCode: pollBallots.refCode,
    ballots: count(),
    firstAt: min(pollBallots.createdAt),
    lastAt: max(pollBallots.createdAt),
  }).from(pollBallots).where(eq(pollBallots.pollId, pollId)).groupBy(pollBallots.refCode).orderBy(desc(count()))
  return rows.map(r => ({ refCode: r.refCode, ballots: Number(r.ballots), firstAt: r.firstAt!, lastAt: r.lastAt! }))
}
