import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

export const ProductKind = Type.Union([Type.Literal('membership'), Type.Literal('unlock'), Type.Literal('tip'), Type.Literal('series')])
export type ProductKind = Static<typeof ProductKind>

/** Tip bounds and suggested amounts, in fen. */
export const TipOptions = Type.Object({
  presetsFen: Type.Array(Type.Integer()),
  minFen: Type.Integer(),
  maxFen: Type.Integer(),
})
export type TipOptions = Static<typeof TipOptions>

/** Something that can be bought. Every amount is an integer number of fen (1 元 = 100 fen). */
export const Product = Type.Object({
  id: Type.String(),
  kind: ProductKind,
  title: Type.String(),
  description: Type.String(),
  /** membership and unlock: the price. Absent for tips (the buyer picks an amount within `tip`). */
  priceFen: Type.Optional(Type.Integer()),
  /** membership: days added per purchase (renewals extend from the current expiry). */
  durationDays: Type.Optional(Type.Integer()),
  /** unlock: the article it unlocks, forever. */
  articleId: Type.Optional(Type.String()),
  /** series: the series it unlocks, every part including parts published later. */
  seriesId: Type.Optional(Type.String()),
  tip: Type.Optional(TipOptions),
})
export type Product = Static<typeof Product>

export const ProductList = Type.Object({ products: Type.Array(Product) })
export type ProductList = Static<typeof ProductList>

/** Operators also see inactive products. */
export const AdminProduct = Type.Object({ ...Product.properties, active: Type.Boolean() })
export type AdminProduct = Static<typeof AdminProduct>
export const AdminProductList = Type.Object({ products: Type.Array(AdminProduct) })
export type AdminProductList = Static<typeof AdminProductList>

export const ProductParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }) })
export type ProductParams = Static<typeof ProductParams>

const Fen = Type.Integer({ minimum: 1, maximum: 10_000_000 })

/** PATCH /api/admin/products/:id: only the fields given change; fields that do not apply to the product's kind are refused. */
export const AdminProductPatch = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  description: Type.Optional(Type.String({ maxLength: 200 })),
  priceFen: Type.Optional(Fen),
  durationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })),
  active: Type.Optional(Type.Boolean()),
  tip: Type.Optional(Type.Object({
    presetsFen: Type.Optional(Type.Array(Fen, { minItems: 1, maxItems: 8 })),
    minFen: Type.Optional(Fen),
    maxFen: Type.Optional(Fen),
  }, { minProperties: 1 })),
}, { minProperties: 1 })
export type AdminProductPatch = Static<typeof AdminProductPatch>
