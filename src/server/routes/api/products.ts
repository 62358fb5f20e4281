import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProductList } from '../../../shared/schemas/catalogue.ts'
import { productView } from '../../catalogue/views.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { listProducts } from '../../db/queries/catalogue.ts'
import { errorResponses } from '../../http/error-responses.ts'

/**
 * GET /api/products: everything on sale (memberships, single-article unlocks, tips), prices in fen.
 * The same for everyone, so it comes from the public content cache; an operator's price change
 * clears it, and `no-cache` with an ETag makes clients see the change at once.
 */
export const productsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/products', {
    schema: { response: { 200: ProductList, ...errorResponses(429) } },
  }, async (request, reply) => {
    const body = await app.content.get('products:public', async () =>
      publicBody(reply.serialize({ products: (await listProducts(app.database.db)).map(productView) }) as string, app.content.version()))
    return sendPublic(request, reply, body, 'public, no-cache')
  })
}
