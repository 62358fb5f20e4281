import type { AttemptBody, AttemptResult, QuizStart, QuizView } from '@shared/schemas/quizzes'
import type { Http } from '../../platform/http.ts'

const base = (id: string) => `/api/quizzes/${encodeURIComponent(id)}`

export const getQuiz = (http: Http, id: string) => http.get<QuizView>(base(id))
export const startQuiz = (http: Http, id: string) => http.post<QuizStart>(`${base(id)}/start`)
export const postAttempt = (http: Http, id: string, answers: AttemptBody['answers']) => http.post<AttemptResult>(`${base(id)}/attempts`, { answers })
