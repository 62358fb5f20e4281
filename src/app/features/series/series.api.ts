import type { SeriesSubscribeBody, SeriesSubscribeResponse } from '@shared/schemas/series-subscribe.ts'
import type { SeriesDetail } from '@shared/schemas/series.ts'
import type { Http } from '../../platform/http.ts'

/** Parts carry the signed-in reader's progress; `product` is the series unlock while not owned. */
export const getSeries = (http: Http, id: string) => http.get<SeriesDetail>(`/api/series/${encodeURIComponent(id)}`)

/**
 * The open tag's `success` detail, passed on as a hint only: WeChat's `subscribe_msg_popup_event`
 * pushed to the server is the authoritative record of consent.
 */
export function sendSubscribeHint(http: Http, id: string, body: SeriesSubscribeBody) {
  return http.post<SeriesSubscribeResponse>(`/api/series/${encodeURIComponent(id)}/subscribe`, body)
}
