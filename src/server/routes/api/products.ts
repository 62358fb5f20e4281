import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProductList } from '../../../shared/schemas/catalogue.ts'
import { listProducts, productView } from '../../db/queries/catalogue.ts'

/** GET /api/products: everything on sale (memberships, single-article unlocks, tips), prices in fen. */
export const productsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/products', {
    schema: { response: { 200: ProductList } },
  }, async (_request, reply) => {
    // Prices change only through the admin endpoint; a short cache is harmless.
    reply.header('Cache-Control', 'public, max-age=60')
    return { products: (await listProducts(app.database.db)).map(productView) }
  })
}
