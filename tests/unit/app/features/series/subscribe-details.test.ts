import { describe, expect, it } from 'vitest'
import { acceptedTemplate } from '../../../../../src/app/features/series/index.ts'

describe('the open tag\'s subscribe details', () => {
  it.each([
    [JSON.stringify({ T1: JSON.stringify({ status: 'accept' }) }), true],
    [JSON.stringify({ T1: { status: 'accept' } }), true],
    [JSON.stringify({ T1: JSON.stringify({ status: 'reject' }) }), false],
    [JSON.stringify({ T2: JSON.stringify({ status: 'accept' }) }), false],
    ['not json', false],
    [undefined, false],
  ])('%s → accepted %s', (details, accepted) => {
    expect(acceptedTemplate(details, 'T1')).toBe(accepted)
  })
})
