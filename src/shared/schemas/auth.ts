import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** `POST /auth/logout?all=1` ends every session of the reader ("sign out everywhere"), not only this browser's. */
export const LogoutQuery = Type.Object({
  all: Type.Optional(Type.Literal('1')),
})
export type LogoutQuery = Static<typeof LogoutQuery>
