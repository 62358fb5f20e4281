import type { Inline } from '../../shared/schemas/blocks.ts'
import type { Db } from '../db/database.ts'
import type { MediaRef, StoredBlock } from './stored-blocks.ts'
import { inArray } from 'drizzle-orm'
import { MAX_BLOCKS } from '../../shared/schemas/admin-posts.ts'
import { polls, quizzes } from '../db/schema.ts'
import { ApiError } from '../http/api-error.ts'
import { cleanRuns, htmlToRuns, safeHref } from './inline.ts'
import { loadMedia } from './media-rows.ts'
import { mediaRefs, paywallIndex } from './stored-blocks.ts'

const invalid = (index: number, message: string) => new ApiError(400, 'BLOCK_INVALID', `blocks[${index}]: ${message}`)

// The `runs` limit of the block schemas: what the server stores must be sendable back as is.
const MAX_RUNS = 500

function limited(runs: Inline[], index: number): Inline[] {
  if (runs.length > MAX_RUNS)
    throw invalid(index, `the text has more than ${MAX_RUNS} differently formatted pieces`)
  return runs
}

function textOf(b: { runs?: Inline[], html?: string }, index: number): Inline[] {
  if (b.runs !== undefined && b.html !== undefined)
    throw invalid(index, 'send the text as runs or as html, not both')
  return limited(b.html !== undefined ? htmlToRuns(b.html) : cleanRuns(b.runs ?? []), index)
}

/** One block, schema-valid already, cleaned into its stored form (text as runs, unknown keys gone). */
function clean(b: StoredBlock, index: number): StoredBlock {
  switch (b.type) {
    case 'paragraph':
      return { type: 'paragraph', runs: textOf(b, index) }
    case 'quote':
      return b.cite === undefined ? { type: 'quote', runs: textOf(b, index) } : { type: 'quote', runs: textOf(b, index), cite: b.cite }
    case 'callout':
      return { type: 'callout', tone: b.tone, runs: textOf(b, index) }
    case 'list':
      return { type: 'list', ordered: b.ordered, items: b.items.map(i => limited(typeof i === 'string' ? htmlToRuns(i) : cleanRuns(i), index)) }
    case 'miniprogram': {
      if (b.fallbackUrl === undefined)
        return { ...b }
      const fallbackUrl = safeHref(b.fallbackUrl)
      if (!fallbackUrl)
        throw invalid(index, 'fallbackUrl must be an https: URL or an in-site path')
      return { ...b, fallbackUrl }
    }
    default:
      return { ...b }
  }
}

async function existing(db: Db, table: typeof polls | typeof quizzes, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0)
    return new Set()
  return new Set((await db.select({ id: table.id }).from(table).where(inArray(table.id, [...new Set(ids)]))).map(r => r.id))
}

export interface CheckedPost {
  blocks: StoredBlock[]
  isPremium: boolean
  /** Uploads used after the paywall block: they must be served as premium. */
  premiumMedia: string[]
}

/**
 * Everything a save goes through after the schema: text cleaned, at most one paywall break with
 * something behind it, polls, quizzes and uploads that exist and are of the kind the block needs.
 * Every refusal is 400 and names the block index.
 */
export async function checkPost(db: Db, authored: StoredBlock[], coverMediaId: string | null): Promise<CheckedPost> {
  if (authored.length > MAX_BLOCKS)
    throw new ApiError(400, 'BLOCK_INVALID', `A post has at most ${MAX_BLOCKS} blocks`)
  const blocks = authored.map(clean)
  const paywalls = blocks.flatMap((b, i) => b.type === 'paywall' ? [i] : [])
  if (paywalls.length > 1)
    throw invalid(paywalls[1]!, 'a post has at most one paywall break')
  const at = paywallIndex(blocks)
  if (at !== -1 && at === blocks.length - 1)
    throw invalid(at, 'the paywall break needs premium blocks after it')

  const pollIds = blocks.flatMap(b => b.type === 'poll' ? [b.pollId] : [])
  const quizIds = blocks.flatMap(b => b.type === 'quiz' ? [b.quizId] : [])
  const [knownPolls, knownQuizzes] = [await existing(db, polls, pollIds), await existing(db, quizzes, quizIds)]
  blocks.forEach((b, i) => {
    if (b.type === 'poll' && !knownPolls.has(b.pollId))
      throw invalid(i, `no poll "${b.pollId}"`)
    if (b.type === 'quiz' && !knownQuizzes.has(b.quizId))
      throw invalid(i, `no quiz "${b.quizId}"`)
  })

  const refs: MediaRef[] = mediaRefs(blocks)
  const rows = await loadMedia(db, [...refs.map(r => r.id), ...(coverMediaId ? [coverMediaId] : [])])
  for (const r of refs) {
    const m = rows.get(r.id)
    if (!m)
      throw new ApiError(400, 'MEDIA_INVALID', `blocks[${r.index}]: no upload "${r.id}"`)
    if (m.kind !== r.kind)
      throw new ApiError(400, 'MEDIA_INVALID', `blocks[${r.index}]: upload "${r.id}" is ${m.kind === 'image' ? 'an' : 'a'} ${m.kind}, not ${r.kind === 'image' ? 'an' : 'a'} ${r.kind}`)
  }
  if (coverMediaId && rows.get(coverMediaId)?.kind !== 'image')
    throw new ApiError(400, 'MEDIA_INVALID', `coverMediaId: "${coverMediaId}" is not an uploaded image`)

  return {
    blocks,
    isPremium: at !== -1,
    premiumMedia: at === -1 ? [] : refs.filter(r => r.index > at).map(r => r.id),
  }
}
