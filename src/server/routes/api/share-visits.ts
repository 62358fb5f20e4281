import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { ShareVisitBody, ShareVisitResponse } from '../../../shared/schemas/share.ts'
import { createVisitor, findVisitor, findVisitorByShareCode, linkVisitorToUser, recordShareOpen, touchVisitor } from '../../db/queries/visitors.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { VISITOR_COOKIE } from '../../plugins/app/session.ts'

const VISITOR_COOKIE_MAX_AGE = 365 * 24 * 3600

/**
 * Whether the request comes from a page loaded in a browser: browsers send `Origin` on every
 * POST, and `Sec-Fetch-Site` when they support it; bare API calls (scripts forging opens in
 * bulk) usually send neither. Not proof against a determined forger, which is why opens also
 * count once a day per opener.
 */
function fromLoadedPage(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin
  if (typeof origin !== 'string')
    return false
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin')
    return false
  if (origin === publicOrigin)
    return true
  try {
    return new URL(origin).host === request.headers.host
  }
  catch {
    return false
  }
}

/**
 * POST /api/share/visits: a page was opened. Gives the visitor their share code
 * (for the links they share) and, when the page came from someone's share,
 * records who shared it and who opened it — once per opener, sharer, page and day.
 * Bare API calls get neither a visitor row nor an attribution, and snapshot-mode
 * (virtual) identities are kept out of both.
 */
export const shareVisitsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.post('/api/share/visits', {
    config: { cacheControl: 'no-store' },
    schema: { body: ShareVisitBody, response: { 200: ShareVisitResponse, ...errorResponses(400, 429) } },
  }, async (request, reply) => {
    const signedIn = await request.currentUser()
    const token = request.cookies[VISITOR_COOKIE]
    let visitor = token && token.length <= 128 ? await findVisitor(db, token) : null
    if (signedIn?.isSnapshot || !fromLoadedPage(request, app.config.publicOrigin))
      return { shareCode: visitor?.shareCode ?? '', attributed: false }

    if (!visitor) {
      const created = await createVisitor(db, signedIn?.id ?? null)
      visitor = created.visitor
      reply.setAppCookie(VISITOR_COOKIE, created.token, VISITOR_COOKIE_MAX_AGE)
    }
    else {
      if (signedIn && visitor.userId === null)
        await linkVisitorToUser(db, visitor.id, signedIn.id)
      await touchVisitor(db, visitor.id)
    }

    let attributed = false
    const { sharer, path } = request.body
    if (sharer && sharer !== visitor.shareCode) {
      const sharerVisitor = await findVisitorByShareCode(db, sharer)
      if (sharerVisitor)
        attributed = await recordShareOpen(db, sharerVisitor.id, visitor.id, path.split('?')[0]!.slice(0, 512))
    }
    return { shareCode: visitor.shareCode, attributed }
  })
}
