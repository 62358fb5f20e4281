import { Converter } from 'opencc-js/t2cn'

// Traditional → Simplified (OpenCC's standard tables, server-side only): "代開發票" and "代开发票"
// must meet in one form. opencc-js was chosen over a hand-kept table because character
// coverage is the whole point and OpenCC's tables are maintained by people who know them.
const toSimplified = Converter({ from: 't', to: 'cn' })

// Everything that is neither a letter nor a digit: spaces, punctuation, symbols, emoji,
// zero-width and other invisible characters that people put between the characters of a word.
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu

/**
 * The form the sensitive-word check compares: full-width and other compatibility forms folded
 * (NFKC: "ＡＢＣ１" → "abc1"), lower case, Simplified Chinese, and nothing but letters and digits,
 * so "代 开-发票", "ＶＸ" and "代開發票" read as the listed "代开发票" and "vx".
 */
export function normalizeForMatch(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(NOT_LETTER_OR_DIGIT, '')
}

/** The form duplicate detection compares: the same text, whatever the spacing and width. */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim()
}
