import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { ShareVisitBody, ShareVisitResponse } from '../../../shared/schemas/share.ts'
import { createVisitor, findVisitor, findVisitorByShareCode, linkVisitorToUser, recordShareOpen } from '../../db/queries/visitors.ts'
import { VISITOR_COOKIE } from '../../plugins/app/session.ts'

const VISITOR_COOKIE_MAX_AGE = 365 * 24 * 3600

/**
 * POST /api/share/visits: a page was opened. Gives the visitor their share code
 * (for the links they share) and, when the page came from someone's share,
 * records who shared it and who opened it.
 */
export const shareVisitsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.post('/api/share/visits', {
    schema: { body: ShareVisitBody, response: { 200: ShareVisitResponse, 400: ApiErrorBody } },
  }, async (request, reply) => {
    const signedIn = await request.currentUser()
    // Snapshot-mode identities are virtual: their opens are not attributed to a real person.
    const user = signedIn?.isSnapshot ? null : signedIn
    const token = request.cookies[VISITOR_COOKIE]
    let visitor = token && token.length <= 128 ? await findVisitor(db, token) : null
    if (!visitor) {
      const created = await createVisitor(db, user?.id ?? null)
      visitor = created.visitor
      reply.setAppCookie(VISITOR_COOKIE, created.token, VISITOR_COOKIE_MAX_AGE)
    }
    else if (user && visitor.userId === null) {
      await linkVisitorToUser(db, visitor.id, user.id)
    }

    let attributed = false
    const { sharer, path } = request.body
    if (sharer && sharer !== visitor.shareCode) {
      const sharerVisitor = await findVisitorByShareCode(db, sharer)
      if (sharerVisitor)
        attributed = await recordShareOpen(db, sharerVisitor.id, visitor.id, path.split('?')[0]!.slice(0, 512))
    }
    reply.header('Cache-Control', 'no-store')
    return { shareCode: visitor.shareCode, attributed }
  })
}
