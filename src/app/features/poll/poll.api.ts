import type { PollView, VoteResponse } from '@shared/schemas/polls'
import type { Http } from '../../platform/http.ts'

const base = (id: string) => `/api/polls/${encodeURIComponent(id)}`

export const getPoll = (http: Http, id: string) => http.get<PollView>(base(id))
export const postVote = (http: Http, id: string, optionIds: string[]) => http.post<VoteResponse>(`${base(id)}/votes`, { optionIds })
export const liveUrl = (id: string) => `${base(id)}/live`
