import type { AttemptBody, AttemptResult } from '../../shared/schemas/quizzes.ts'
import type { QuizRow } from '../db/queries/quizzes.ts'
import type { QuizQuestionJson } from '../db/schema.ts'
import { ApiError } from '../http/api-error.ts'

export type Answers = AttemptBody['answers']

/** Refuses answers to questions or options the quiz does not have, and malformed multi-answers. */
export function checkAnswers(quiz: Pick<QuizRow, 'questions'>, answers: Answers): void {
  const byId = new Map(quiz.questions.map(q => [q.id, q]))
  const seen = new Set<string>()
  for (const a of answers) {
    const q = byId.get(a.questionId)
    if (!q)
      throw new ApiError(400, 'UNKNOWN_QUESTION', `This quiz has no question ${JSON.stringify(a.questionId.slice(0, 64))}`)
    if (seen.has(q.id))
      throw new ApiError(400, 'DUPLICATE_ANSWER', `Question ${q.id} is answered twice`)
    seen.add(q.id)
    if (new Set(a.optionIds).size !== a.optionIds.length)
      throw new ApiError(400, 'DUPLICATE_OPTION', `An option of question ${q.id} was chosen twice`)
    const options = new Set(q.options.map(o => o.id))
    const unknown = a.optionIds.find(id => !options.has(id))
    if (unknown !== undefined)
      throw new ApiError(400, 'UNKNOWN_OPTION', `Question ${q.id} has no option ${JSON.stringify(unknown.slice(0, 64))}`)
    if (q.kind === 'single' && a.optionIds.length > 1)
      throw new ApiError(400, 'TOO_MANY_CHOICES', `Question ${q.id} takes one answer`)
  }
}

const points = (q: QuizQuestionJson) => q.points ?? 1
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every(x => b.includes(x))

export interface Scored {
  score: number
  maxScore: number
  correctCount: number
  outcomeId: string | null
  questions: AttemptResult['questions']
}

/**
 * Scores from the chosen options only. Scored quizzes: a question earns its points when the
 * chosen set equals the key exactly; unanswered questions earn nothing. Outcome quizzes:
 * each chosen option adds its weights; the heaviest outcome wins, ties going to the earlier one.
 */
export function score(quiz: Pick<QuizRow, 'mode' | 'questions' | 'outcomes'>, answers: Answers): Scored {
  const chosen = new Map(answers.map(a => [a.questionId, a.optionIds]))
  if (quiz.mode === 'outcome') {
    const weight = new Map(quiz.outcomes.map(o => [o.id, 0]))
    for (const q of quiz.questions) {
      for (const id of chosen.get(q.id) ?? []) {
        for (const [outcome, w] of Object.entries(q.options.find(o => o.id === id)?.weights ?? {})) {
          if (weight.has(outcome))
            weight.set(outcome, weight.get(outcome)! + w)
        }
      }
    }
    let best: string | null = null
    for (const [id, w] of weight) {
      if (best === null || w > weight.get(best)!)
        best = id
    }
    return {
      score: 0,
      maxScore: 0,
      correctCount: 0,
      outcomeId: best,
      questions: quiz.questions.map(q => ({ id: q.id, correct: (chosen.get(q.id)?.length ?? 0) > 0, correctOptionIds: [], chosenOptionIds: chosen.get(q.id) ?? [] })),
    }
  }
  let total = 0
  let maxScore = 0
  let correctCount = 0
  const questions = quiz.questions.map((q) => {
    const key = q.options.filter(o => o.correct).map(o => o.id)
    const mine = chosen.get(q.id) ?? []
    const correct = mine.length > 0 && sameSet(mine, key)
    maxScore += points(q)
    if (correct) {
      total += points(q)
      correctCount++
    }
    return { id: q.id, correct, correctOptionIds: key, chosenOptionIds: mine, ...(q.explanation ? { explanation: q.explanation } : {}) }
  })
  return { score: total, maxScore, correctCount, outcomeId: null, questions }
}
