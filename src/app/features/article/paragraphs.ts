/** Article text is plain (never HTML): paragraphs are separated by a blank line. */
export function toParagraphs(text: string | undefined): string[] {
  if (!text)
    return []
  return text.split(/\r?\n\s*\n/).map(p => p.trim()).filter(p => p.length > 0)
}

export type ArticleBlock
  = | { kind: 'text', text: string }
    | { kind: 'poll' | 'quiz', id: string }

const EMBED = /^\[\[(poll|quiz):([\w-]{1,64})\]\]$/

/**
 * Paragraphs, where one that is exactly `[[poll:ID]]` or `[[quiz:ID]]` stands for that poll or
 * quiz shown in place: the embed point until posts get a block model.
 */
export function toBlocks(text: string | undefined): ArticleBlock[] {
  return toParagraphs(text).map((p) => {
    const m = EMBED.exec(p)
    return m ? { kind: m[1] as 'poll' | 'quiz', id: m[2]! } : { kind: 'text', text: p }
  })
}
