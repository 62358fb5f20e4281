import { describe, expect, it } from 'vitest'
import { duplicateKey, normalizeForMatch } from '../../src/server/moderation/normalize.ts'
import { buildMatcher } from '../../src/server/moderation/word-matcher.ts'

describe('the sensitive-word check', () => {
  it.each([
    ['ＶＸ１２３', 'vx123'],
    ['代 開-發\u200B票', '代开发票'],
    ['刷單★返利!!', '刷单返利'],
    ['  ', ''],
  ])('normalises %j to %j', (text, normalized) => {
    expect(normalizeForMatch(text)).toBe(normalized)
  })

  const matcher = buildMatcher([
    { word: '代开发票', level: 'block' },
    { word: '加微信', level: 'review' },
    { word: '加 微 信', level: 'block' },
    { word: '!!!', level: 'block' },
  ])

  it('finds each listed word once, through the usual evasions, keeping the stricter level of a word listed twice', () => {
    expect(matcher.find('代開發票，代 开 发 票；加微信')).toEqual([
      { word: '代开发票', level: 'block' },
      { word: '加 微 信', level: 'block' },
    ])
  })

  it('finds nothing in ordinary text, and ignores words that are only symbols', () => {
    expect(matcher.find('发票要找正规渠道开具！！！')).toEqual([])
  })

  it('compares repeated text ignoring width, case and spacing, but not punctuation', () => {
    expect(duplicateKey('  Ｈｅｌｌｏ   世界 ')).toBe(duplicateKey('hello 世界'))
    expect(duplicateKey('好！')).not.toBe(duplicateKey('好'))
  })
})
