import type { ShareVisitBody, ShareVisitResponse } from '@shared/schemas/share.ts'
import type { Http } from '../../platform/http.ts'

export function postShareVisit(http: Http, body: ShareVisitBody) {
  return http.post<ShareVisitResponse>('/api/share/visits', body)
}
