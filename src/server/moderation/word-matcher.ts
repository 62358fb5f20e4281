import { normalizeForMatch } from './normalize.ts'

export type WordLevel = 'block' | 'review'

export interface ListedWord {
  word: string
  level: WordLevel
}

export interface WordMatch {
  word: string
  level: WordLevel
}

interface Node {
  next: Map<string, Node>
  /** The listed word ending here, if any. */
  word?: ListedWord
}

/**
 * A trie over the normalised words; `find` walks it from every position of the normalised
 * text. Comments are short (600 characters), so this is linear enough and needs no library.
 */
export function buildMatcher(words: readonly ListedWord[]) {
  const root: Node = { next: new Map() }
  for (const w of words) {
    const chars = [...normalizeForMatch(w.word)]
    if (chars.length === 0)
      continue
    let node = root
    for (const c of chars) {
      let child = node.next.get(c)
      if (!child) {
        child = { next: new Map() }
        node.next.set(c, child)
      }
      node = child
    }
    // A word listed twice keeps the stricter level.
    if (!node.word || w.level === 'block')
      node.word = w
  }

  return {
    /** Every listed word found in `text`, once each, after normalisation. */
    find(text: string): WordMatch[] {
      const chars = [...normalizeForMatch(text)]
      const found = new Map<string, WordMatch>()
      for (let i = 0; i < chars.length; i++) {
        let node: Node | undefined = root
        for (let j = i; j < chars.length && node; j++) {
          node = node.next.get(chars[j]!)
          if (node?.word)
            found.set(node.word.word, { word: node.word.word, level: node.word.level })
        }
      }
      return [...found.values()]
    },
  }
}

export type WordMatcher = ReturnType<typeof buildMatcher>
