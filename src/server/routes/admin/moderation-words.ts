import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AddWordBody, CheckResult, CheckTextBody, ModerationWord, ModerationWordList, PatchWordBody, WordParams } from '../../../shared/schemas/moderation.ts'
import { recordAudit } from '../../audit/audit-log.ts'
import { adminActor } from '../../comments/audit-actor.ts'
import { deleteWord, insertWord, listWords, updateWordLevel } from '../../db/queries/moderation.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { normalizeForMatch } from '../../moderation/normalize.ts'
import { wordView } from '../../moderation/views.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { requireAdmin } from './admin-auth.ts'

const errors = errorResponses(400, 401, 404, 409, 429)

/**
 * The account's sensitive-word list, and a dry run of the whole check for any text (an
 * operator's article before publishing). Changes reach every API instance at the next check.
 */
export const adminModerationWordsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')

  app.get('/api/admin/moderation/words', {
    schema: { response: { 200: ModerationWordList, ...errors } },
  }, async () => ({ words: (await listWords(db)).map(wordView) }))

  app.post('/api/admin/moderation/words', {
    schema: { body: AddWordBody, response: { 201: ModerationWord, ...errors } },
  }, async (request, reply) => {
    const word = request.body.word.trim()
    const normalized = normalizeForMatch(word)
    if (!normalized)
      throw new ApiError(400, 'WORD_EMPTY', 'A word needs at least one letter or digit; symbols and spaces are ignored when matching')
    const row = await db.transaction(async (tx) => {
      const added = await insertWord(tx, { word, normalized, level: request.body.level ?? 'block' })
      if (added)
        await recordAudit(tx, adminActor(request), { action: 'moderation.word.add', targetType: 'moderation-word', targetId: String(added.id), details: { word, level: added.level } })
      return added
    })
    if (!row)
      throw new ApiError(409, 'WORD_EXISTS', `"${word}" is already listed (the list compares words ignoring width, spacing and traditional/simplified forms)`)
    return reply.status(201).send(wordView(row))
  })

  app.patch('/api/admin/moderation/words/:id', {
    schema: { params: WordParams, body: PatchWordBody, response: { 200: ModerationWord, ...errors } },
  }, async (request) => {
    const row = await db.transaction(async (tx) => {
      const updated = await updateWordLevel(tx, request.params.id, request.body.level)
      if (updated)
        await recordAudit(tx, adminActor(request), { action: 'moderation.word.update', targetType: 'moderation-word', targetId: String(updated.id), details: { word: updated.word, level: updated.level } })
      return updated
    })
    if (!row)
      throw notFound('Word')
    return wordView(row)
  })

  app.delete('/api/admin/moderation/words/:id', {
    schema: { params: WordParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const row = await db.transaction(async (tx) => {
      const removed = await deleteWord(tx, request.params.id)
      if (removed)
        await recordAudit(tx, adminActor(request), { action: 'moderation.word.delete', targetType: 'moderation-word', targetId: String(removed.id), details: { word: removed.word } })
      return removed
    })
    if (!row)
      throw notFound('Word')
    return reply.status(204).send(null)
  })

  app.post('/api/admin/moderation/check', {
    schema: { body: CheckTextBody, response: { 200: CheckResult, ...errors } },
  }, async request => app.moderation.check({ text: request.body.text, kind: request.body.kind ?? 'post' }))
}
