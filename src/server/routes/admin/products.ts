import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AdminProductPatch as Patch } from '../../../shared/schemas/catalogue.ts'
import type { ProductRow } from '../../db/queries/catalogue.ts'
import { AdminProduct, AdminProductList, AdminProductPatch, ProductParams } from '../../../shared/schemas/catalogue.ts'
import { recordAudit } from '../../audit/audit-log.ts'
import { adminProductView } from '../../catalogue/views.ts'
import { findProduct, listProducts, updateProduct } from '../../db/queries/catalogue.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { ADMIN_ACTOR, requireAdmin } from './admin-auth.ts'

/** Which fields an operator may set on each kind of product. */
const EDITABLE: Record<ProductRow['kind'], (keyof Patch)[]> = {
  membership: ['title', 'description', 'priceFen', 'durationDays', 'active'],
  unlock: ['title', 'description', 'priceFen', 'active'],
  tip: ['title', 'description', 'tip', 'active'],
  series: ['title', 'description', 'priceFen', 'active'],
}

/** GET /api/admin/products and PATCH /api/admin/products/:id: the operator edits prices and availability. */
export const adminProductsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')

  app.get('/api/admin/products', {
    schema: { response: { 200: AdminProductList, ...errorResponses(401, 429) } },
  }, async () => {
    return { products: (await listProducts(db, { includeInactive: true })).map(adminProductView) }
  })

  app.patch('/api/admin/products/:id', {
    schema: { params: ProductParams, body: AdminProductPatch, response: { 200: AdminProduct, ...errorResponses(400, 401, 404, 429) } },
  }, async (request) => {
    const product = await findProduct(db, request.params.id)
    if (!product)
      throw notFound('Product')
    const patch = request.body
    const wrong = (Object.keys(patch) as (keyof Patch)[]).filter(k => !EDITABLE[product.kind].includes(k))
    if (wrong.length > 0)
      throw new ApiError(400, 'FIELD_NOT_APPLICABLE', `${wrong.join(', ')} cannot be set on a ${product.kind} product`)
    if (patch.tip) {
      const min = patch.tip.minFen ?? product.tipMinFen!
      const max = patch.tip.maxFen ?? product.tipMaxFen!
      const presets = patch.tip.presetsFen ?? product.tipPresetsFen ?? []
      if (min > max || presets.some(p => p < min || p > max))
        throw new ApiError(400, 'TIP_BOUNDS_INVALID', 'minFen must not exceed maxFen, and every preset must lie between them')
    }
    const updated = await db.transaction(async (tx) => {
      const row = (await updateProduct(tx, product.id, patch))!
      const before = Object.fromEntries(Object.keys(patch).map(k => [k, adminProductView(product)[k as keyof ReturnType<typeof adminProductView>]]))
      await recordAudit(tx, { actor: ADMIN_ACTOR, ip: request.ip }, { action: 'product.update', targetType: 'product', targetId: product.id, details: { before, after: patch } })
      return row
    })
    // Prices and paywalls are served from the public content cache of every instance.
    await app.content.changed()
    return adminProductView(updated)
  })
}
