import { defineAsyncComponent } from 'vue'

export { quizShareData } from './quiz-share.ts'
export { getQuiz, postAttempt, startQuiz } from './quiz.api.ts'
export { useQuiz } from './useQuiz.ts'

// Loads with the first page that shows a quiz (its own page, or a post embedding one).
export const QuizCard = defineAsyncComponent(() => import('./QuizCard.vue'))
