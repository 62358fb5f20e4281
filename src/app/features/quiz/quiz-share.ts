import type { AttemptResult, QuizView } from '@shared/schemas/quizzes'

/**
 * The share card carries the result (score or outcome); the link stays the quiz itself, so a
 * friend who opens it takes the quiz rather than seeing the sharer's answers.
 */
export function quizShareData(quiz: QuizView | null, result: AttemptResult | null): { title: string, desc: string } | undefined {
  if (!quiz)
    return undefined
  if (result?.outcome)
    return { title: `我是「${result.outcome.title}」，测测你是哪种？`, desc: quiz.title }
  if (result) {
    const beat = result.percentile !== undefined ? `，超过了 ${result.percentile}% 的读者` : ''
    return { title: `我在「${quiz.title}」中得了 ${result.score}/${result.maxScore} 分${beat}，你也来试试？`, desc: quiz.description ?? quiz.title }
  }
  return { title: quiz.title, desc: quiz.description ?? '几道小题，一分钟完成' }
}
