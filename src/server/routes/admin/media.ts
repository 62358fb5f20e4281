import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AdminMedia, AdminMediaList, MediaListQuery, MediaParams, MediaPatch, MediaUploadQuery } from '../../../shared/schemas/media.ts'
import { recordAudit } from '../../audit/audit-log.ts'
import { deleteMediaRow, findMedia, listMedia, mediaReferences, setMediaAccess } from '../../db/queries/media.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { adminMediaView } from '../../media/admin-view.ts'
import { receiveUpload } from '../../media/upload.ts'
import { ADMIN_ACTOR, requireAdmin } from './admin-auth.ts'

/** POST /api/admin/media, in a plugin of its own: any body reaches it as the unread request stream. */
const uploadRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.removeAllContentTypeParsers()
  // The handler reads the socket itself; leaving the body unset also keeps the stream object
  // away from hooks that walk request bodies.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null))

  app.post('/api/admin/media', {
    config: { cacheControl: 'private, no-store' },
    schema: { querystring: MediaUploadQuery, response: { 200: AdminMedia, 201: AdminMedia, ...errorResponses(400, 401, 413, 415, 429) } },
  }, async (request, reply) => {
    const length = request.headers['content-length']
    // A refused upload stops being read mid-body: the rest of it cannot be told from the next
    // request on this connection, so the connection ends with the answer.
    // A client that resets mid-upload fails the pipeline; the socket's error event is no crash.
    request.raw.once('error', () => {})
    const refuse = (err: unknown) => {
      if (!request.raw.complete)
        reply.header('Connection', 'close')
      throw err
    }
    const { row, existing } = await receiveUpload(
      { db, store: app.media.store, limits: app.media.config.maxBytes, actor: { actor: ADMIN_ACTOR, ip: request.ip } },
      {
        body: request.raw,
        declaredType: request.headers['content-type'],
        declaredLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
        name: request.query.name,
        access: request.query.access ?? 'public',
      },
    ).catch(refuse)
    reply.status(existing ? 200 : 201)
    return { ...adminMediaView(row, app.media.links), existing }
  })
}

/**
 * Operator media: upload (the request body is the file), list, read, change access, delete.
 * The upload body is the raw file rather than a multipart form: one file per request needs no
 * form parser or extra dependency, streams straight from the socket, and a console sends it with
 * `fetch(url, { method: 'POST', body: file })`.
 */
export const adminMediaRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.addHook('onRequest', requireAdmin(app))
  await app.register(uploadRoute)

  app.get('/api/admin/media', {
    config: { cacheControl: 'private, no-store' },
    schema: { querystring: MediaListQuery, response: { 200: AdminMediaList, ...errorResponses(400, 401, 429) } },
  }, async (request) => {
    const page = request.query.page ?? 1
    const pageSize = request.query.pageSize ?? 20
    const { rows, total } = await listMedia(db, { page, pageSize, kind: request.query.kind })
    return { items: rows.map(r => adminMediaView(r, app.media.links)), page, pageSize, total }
  })

  app.get('/api/admin/media/:id', {
    config: { cacheControl: 'private, no-store' },
    schema: { params: MediaParams, response: { 200: AdminMedia, ...errorResponses(400, 401, 404, 429) } },
  }, async (request) => {
    const row = await findMedia(db, request.params.id)
    if (!row)
      throw notFound('Media')
    return adminMediaView(row, app.media.links)
  })

  // Access is normally set by the posts code (media after a paywall break become premium);
  // operators can also set it by hand.
  app.patch('/api/admin/media/:id', {
    config: { cacheControl: 'private, no-store' },
    schema: { params: MediaParams, body: MediaPatch, response: { 200: AdminMedia, ...errorResponses(400, 401, 404, 429) } },
  }, async (request) => {
    const row = await db.transaction(async (tx) => {
      const [updated] = await setMediaAccess(tx, [request.params.id], request.body.access)
      if (!updated)
        throw notFound('Media')
      await recordAudit(tx, { actor: ADMIN_ACTOR, ip: request.ip }, { action: 'media.access', targetType: 'media', targetId: updated.id, details: { access: updated.access } })
      return updated
    })
    return adminMediaView(row, app.media.links)
  })

  app.delete('/api/admin/media/:id', {
    config: { cacheControl: 'private, no-store' },
    schema: { params: MediaParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 404, 409, 429) } },
  }, async (request, reply) => {
    const id = request.params.id
    const removed = await db.transaction(async (tx) => {
      const usedBy = await mediaReferences(tx, id)
      if (usedBy.length > 0)
        throw new ApiError(409, 'MEDIA_IN_USE', `Still used by ${usedBy.join(', ')}`)
      const row = await deleteMediaRow(tx, id)
      if (!row)
        throw notFound('Media')
      await recordAudit(tx, { actor: ADMIN_ACTOR, ip: request.ip }, { action: 'media.delete', targetType: 'media', targetId: id, details: { kind: row.kind, bytes: row.bytes, sha256: row.sha256 } })
      return row
    })
    // Files go after the row: a failure here leaves an orphan file, never a row without bytes.
    const keys = [removed.storageKey, ...Object.values(removed.variants).map(v => v.key)]
    const results = await Promise.allSettled(keys.map(k => app.media.store.delete(k)))
    if (results.some(r => r.status === 'rejected'))
      request.log.warn({ id, keys }, 'media row deleted but a stored file could not be removed')
    return reply.status(204).send(null)
  })
}
