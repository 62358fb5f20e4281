import type { AdminProductPatch } from '../../../shared/schemas/catalogue.ts'
import type { Db } from '../database.ts'
import { and, asc, eq, sql } from 'drizzle-orm'
import { products } from '../schema.ts'

export type ProductRow = typeof products.$inferSelect

export async function listProducts(db: Db, opts: { includeInactive?: boolean } = {}): Promise<ProductRow[]> {
  return db.select().from(products).where(opts.includeInactive ? undefined : eq(products.active, true)).orderBy(asc(products.sort), asc(products.id))
}

export async function findProduct(db: Db, id: string): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(eq(products.id, id))
  return row ?? null
}

/** The active single-article unlock for an article, if it is on sale. */
export async function findUnlockProduct(db: Db, articleId: string): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(and(eq(products.articleId, articleId), eq(products.kind, 'unlock'), eq(products.active, true)))
  return row ?? null
}

/** Applies an operator's edit; the table's CHECK constraints keep every kind's fields coherent. */
export async function updateProduct(db: Db, id: string, patch: AdminProductPatch): Promise<ProductRow | null> {
  const [row] = await db.update(products).set({
    title: patch.title,
    description: patch.description,
    priceFen: patch.priceFen,
    durationDays: patch.durationDays,
    active: patch.active,
    tipPresetsFen: patch.tip?.presetsFen,
    tipMinFen: patch.tip?.minFen,
    tipMaxFen: patch.tip?.maxFen,
    updatedAt: sql`now()`,
  }).where(eq(products.id, id)).returning()
  return row ?? null
}
