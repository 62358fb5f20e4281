import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** The signed-in follower, as pages may see them (never the openid or unionid). */
export const Me = Type.Object({
  id: Type.Integer(),
  nickname: Type.String(),
  avatarUrl: Type.String(),
  /** Snapshot-mode ("virtual") visitor: identity is fake, actions that need a real user are refused. */
  isSnapshot: Type.Boolean(),
})
export type Me = Static<typeof Me>
