import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({
    kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  }),
  uptimeSeconds: Type.Integer(),
})
export type HealthResponse = Static<typeof HealthResponse>
