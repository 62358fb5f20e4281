import type { Static, TSchema } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/**
 * A post is an ordered list of typed blocks. Two forms share these shapes:
 * - the **view** (`Block`), what `GET /api/articles/:id` sends: media carry a resolved `src`
 *   (a long-cached public URL, or a short-lived signed URL for premium media) and their size;
 * - the **authored** form (`AuthoredBlock`), what `/api/admin` accepts: media are referenced by
 *   `mediaId` only (the server fills in size, duration and URL from the upload), and paragraph-like
 *   text may be sent either as `runs` or as a small HTML string (`<b> <strong> <i> <em> <a href>
 *   <br>`) that the server sanitises and converts to runs.
 * Text is never stored or sent as HTML: the SPA renders runs as components, without `v-html`.
 */

const Text = (max: number) => Type.String({ maxLength: max })
export const MediaId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })

/** `https://…` or an in-site path (`/…`, not `//…`); the server refuses every other scheme. */
export const SafeHref = Type.String({ minLength: 1, maxLength: 2048 })

/** A run of inline text; a paragraph is a list of runs. `\n` inside `text` is a line break. */
export const Inline = Type.Object({
  text: Text(10_000),
  bold: Type.Optional(Type.Boolean()),
  italic: Type.Optional(Type.Boolean()),
  href: Type.Optional(SafeHref),
}, { additionalProperties: false })
export type Inline = Static<typeof Inline>
const Runs = Type.Array(Inline, { maxItems: 500 })

/** An image as the reader receives it: the size is known before it loads, so nothing shifts. */
export const ImageView = Type.Object({
  mediaId: MediaId,
  src: Type.String(),
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
  alt: Text(300),
  /** A smaller WebP variant (list covers, gallery thumbnails), when the upload produced one. */
  thumb: Type.Optional(Type.String()),
})
export type ImageView = Static<typeof ImageView>

// `K` keeps each block's `type` a literal, so `Block` is a discriminated union in TypeScript.
function block<K extends string, T extends Record<string, TSchema>>(type: K, props: T) {
  return Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false })
}

const Paragraph = block('paragraph', { runs: Runs })
const Heading = block('heading', { level: Type.Union([Type.Literal(2), Type.Literal(3)]), text: Text(300) })
const Quote = block('quote', { runs: Runs, cite: Type.Optional(Text(200)) })
const List = block('list', { ordered: Type.Boolean(), items: Type.Array(Runs, { minItems: 1, maxItems: 200 }) })
const Callout = block('callout', { tone: Type.Union([Type.Literal('info'), Type.Literal('tip'), Type.Literal('warning')]), runs: Runs })
const Divider = block('divider', {})
const PollEmbed = block('poll', { pollId: Type.String({ minLength: 1, maxLength: 64 }) })
const QuizEmbed = block('quiz', { quizId: Type.String({ minLength: 1, maxLength: 64 }) })
/** `wx-open-launch-weapp` inside WeChat (needs the gh_ original id), `fallbackUrl` elsewhere. */
const MiniProgram = block('miniprogram', {
  username: Type.String({ pattern: '^gh_[0-9a-f]{12}$' }),
  path: Type.String({ maxLength: 500 }),
  title: Text(100),
  fallbackUrl: Type.Optional(SafeHref),
})
/** Everything after this block is premium. At most one per post. */
const PaywallBreak = block('paywall', {})

const Image = block('image', { ...ImageView.properties, caption: Type.Optional(Text(300)) })
const Gallery = block('gallery', { images: Type.Array(ImageView, { minItems: 1, maxItems: 30 }), caption: Type.Optional(Text(300)) })
const Audio = block('audio', { mediaId: MediaId, src: Type.String(), title: Text(200), durationMs: Type.Integer({ minimum: 0 }) })
const Video = block('video', {
  mediaId: MediaId,
  src: Type.String(),
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
  durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
  poster: Type.Optional(ImageView),
  title: Type.Optional(Text(200)),
})

/** A block as `GET /api/articles/:id` sends it. */
export const Block = Type.Union([Paragraph, Heading, Quote, List, Image, Gallery, Audio, Video, Callout, Divider, PollEmbed, QuizEmbed, MiniProgram, PaywallBreak])
export type Block = Static<typeof Block>
export type BlockType = Block['type']

/** Paragraph-like text as an operator sends it: runs, or HTML the server sanitises into runs. */
const AuthoredText = { runs: Type.Optional(Runs), html: Type.Optional(Text(20_000)) }
const AuthoredImage = Type.Object({ mediaId: MediaId, alt: Text(300) }, { additionalProperties: false })

/** A block as `/api/admin/articles` accepts it. */
export const AuthoredBlock = Type.Union([
  block('paragraph', AuthoredText),
  Heading,
  block('quote', { ...AuthoredText, cite: Type.Optional(Text(200)) }),
  block('list', { ordered: Type.Boolean(), items: Type.Array(Type.Union([Runs, Text(5_000)]), { minItems: 1, maxItems: 200 }) }),
  block('image', { ...AuthoredImage.properties, caption: Type.Optional(Text(300)) }),
  block('gallery', { images: Type.Array(AuthoredImage, { minItems: 1, maxItems: 30 }), caption: Type.Optional(Text(300)) }),
  block('audio', { mediaId: MediaId, title: Text(200) }),
  block('video', { mediaId: MediaId, posterMediaId: Type.Optional(MediaId), title: Type.Optional(Text(200)) }),
  block('callout', { tone: Type.Union([Type.Literal('info'), Type.Literal('tip'), Type.Literal('warning')]), ...AuthoredText }),
  Divider,
  PollEmbed,
  QuizEmbed,
  MiniProgram,
  PaywallBreak,
])
export type AuthoredBlock = Static<typeof AuthoredBlock>
