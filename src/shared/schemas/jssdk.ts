import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

export const JsSdkConfigQuery = Type.Object({
  /** The page URL to sign, `encodeURIComponent`-ed for transport; any `#…` is ignored. */
  url: Type.String({ minLength: 8, maxLength: 2048 }),
})
export type JsSdkConfigQuery = Static<typeof JsSdkConfigQuery>

/** What `wx.config` needs besides jsApiList; `timestamp` is in seconds. */
export const JsSdkConfigResponse = Type.Object({
  appId: Type.String(),
  timestamp: Type.Integer(),
  nonceStr: Type.String(),
  signature: Type.String(),
})
export type JsSdkConfigResponse = Static<typeof JsSdkConfigResponse>
