import type { AttemptResult, QuizView } from '../../../../../src/shared/schemas/quizzes.ts'
import { describe, expect, it } from 'vitest'
import { quizShareData } from '../../../../../src/app/features/quiz/quiz-share.ts'

const quiz: QuizView = { id: 'intro', title: '小测验', mode: 'scored', status: 'open', attemptsAllowed: 1, questions: [] }
const result: AttemptResult = { attemptId: 1, score: 3, maxScore: 4, correctCount: 2, questions: [] }

describe('quiz share card', () => {
  it('carries the score (and percentile) or the outcome', () => {
    expect(quizShareData(quiz, null)).toEqual({ title: '小测验', desc: '几道小题，一分钟完成' })
    expect(quizShareData(quiz, result)!.title).toBe('我在「小测验」中得了 3/4 分，你也来试试？')
    expect(quizShareData(quiz, { ...result, percentile: 80 })!.title).toBe('我在「小测验」中得了 3/4 分，超过了 80% 的读者，你也来试试？')
    expect(quizShareData({ ...quiz, mode: 'outcome' }, { ...result, outcome: { id: 'd', title: '深度读者', description: '' } })!.title).toBe('我是「深度读者」，测测你是哪种？')
  })
})
