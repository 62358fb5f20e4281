import type { Me } from '@shared/schemas/me.ts'
import type { Http } from '../platform/http.ts'

export const getMe = (http: Http) => http.get<Me>('/api/me')
export const postLogout = (http: Http) => http.post('/auth/logout')

/** The server's sign-in entry: a 302 into WeChat OAuth that comes back to `returnTo`. */
export const loginUrl = (returnTo: string) => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`
