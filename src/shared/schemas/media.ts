import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

export const MediaKind = Type.Union([Type.Literal('image'), Type.Literal('audio'), Type.Literal('video')])
export const MediaAccess = Type.Union([Type.Literal('public'), Type.Literal('premium')])
export type MediaAccess = Static<typeof MediaAccess>

const MediaId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })
const VariantName = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' })

/** `GET /media/:id` and `GET /media/:id/:variant` (e.g. `thumb`). */
export const MediaFileParams = Type.Object({ id: MediaId, variant: Type.Optional(VariantName) })
export type MediaFileParams = Static<typeof MediaFileParams>
/** Premium media only: the expiry and signature of a URL from `app.media.links.signedUrl`. */
export const MediaFileQuery = Type.Object({
  exp: Type.Optional(Type.String({ maxLength: 16 })),
  sig: Type.Optional(Type.String({ maxLength: 128 })),
})
export type MediaFileQuery = Static<typeof MediaFileQuery>

export const MediaParams = Type.Object({ id: MediaId })
export type MediaParams = Static<typeof MediaParams>

/**
 * `POST /api/admin/media`: the body is the file's bytes (any Content-Type; a specific one must
 * agree with the bytes), these travel in the query string.
 */
export const MediaUploadQuery = Type.Object({
  /** The operator's file name, kept for the list; its extension must agree with the bytes. */
  name: Type.Optional(Type.String({ maxLength: 200 })),
  access: Type.Optional(MediaAccess),
})
export type MediaUploadQuery = Static<typeof MediaUploadQuery>

export const MediaPatch = Type.Object({ access: MediaAccess }, { additionalProperties: false })
export type MediaPatch = Static<typeof MediaPatch>

export const MediaListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  kind: Type.Optional(MediaKind),
})
export type MediaListQuery = Static<typeof MediaListQuery>

export const AdminMediaVariant = Type.Object({
  mime: Type.String(),
  bytes: Type.Optional(Type.Integer()),
  width: Type.Optional(Type.Integer()),
  height: Type.Optional(Type.Integer()),
  url: Type.String(),
})

/** One upload as operators see it; `url` is the public path (premium media also need a signature to load). */
export const AdminMedia = Type.Object({
  id: Type.String(),
  kind: MediaKind,
  mime: Type.String(),
  bytes: Type.Integer(),
  sha256: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  access: MediaAccess,
  originalName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  url: Type.String(),
  variants: Type.Record(Type.String(), AdminMediaVariant),
  /** Upload answers only: true when identical bytes were already stored and that row is returned. */
  existing: Type.Optional(Type.Boolean()),
})
export type AdminMedia = Static<typeof AdminMedia>

export const AdminMediaList = Type.Object({
  items: Type.Array(AdminMedia),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
})
export type AdminMediaList = Static<typeof AdminMediaList>
