import type { MembershipStatus } from '@shared/schemas/membership.ts'
import type { Http } from '../../platform/http.ts'

/** Works signed out too (then `active:false`); lists the tiers on sale. */
export const getMembership = (http: Http) => http.get<MembershipStatus>('/api/membership')
