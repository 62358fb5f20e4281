import type { JsSdkConfigResponse } from '@shared/schemas/jssdk.ts'
import type { Http } from '../http.ts'

/** The server signs the URL (protocol.md §3.1); it travels encodeURIComponent-ed, without `#…`. */
export function fetchJsSdkConfig(http: Http, url: string) {
  return http.get<JsSdkConfigResponse>(`/api/jssdk/config?url=${encodeURIComponent(url)}`)
}
