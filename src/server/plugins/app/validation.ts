import type { FastifyInstance } from 'fastify'
import { Ajv } from 'ajv'
import formats from 'ajv-formats'
import fp from 'fastify-plugin'
import { ApiError } from '../../http/api-error.ts'

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats)

const common = { removeAdditional: 'all', useDefaults: true, allErrors: false, strict: false } as const

/**
 * JSON bodies are validated exactly as sent (no `42` silently becoming `"42"`),
 * while query strings and path params, which are always text on the wire, are
 * coerced to the types their schemas declare.
 */
function compileWithAjv(app: FastifyInstance): void {
  const strict = addFormats(new Ajv({ ...common, coerceTypes: false }))
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }))
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema))
}

/** Only JSON bodies are accepted; anything else is a 415 rather than a guess. */
function restrictBodiesToJson(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain')
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string')
    return value.includes('\u0000')
  if (depth > 32 || value === null || typeof value !== 'object')
    return false
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1))
}

/**
 * PostgreSQL text cannot hold NUL (0x00): such input would fail deep in a query
 * as a 500. It is refused up front, for every route, as the bad input it is.
 */
function refuseNulCharacters(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request and has nothing to await.
  app.addHook('preValidation', (request, _reply, done) => {
    if (hasNul(request.query) || hasNul(request.params) || hasNul(request.body))
      return done(new ApiError(400, 'VALIDATION_FAILED', 'Text must not contain NUL characters'))
    done()
  })
}

/** Input rules every route shares: how schemas validate, which bodies parse, what text is refused. */
export const validationPlugin = fp(async (app: FastifyInstance) => {
  compileWithAjv(app)
  refuseNulCharacters(app)
  restrictBodiesToJson(app)
}, { name: 'validation', dependencies: ['error-handler'] })

/**
 * For a plugin whose bodies hold unions (a post's blocks): validates without `removeAdditional`,
 * which would strip properties while trying the first member of a union and then fail the right
 * one (or quietly drop what should be refused). Unknown properties are refused instead: 400.
 * Call inside the plugin that declares those routes; it is encapsulated to them.
 */
export function registerExactValidation(app: FastifyInstance): void {
  const exact = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const
  const strict = addFormats(new Ajv({ ...exact, coerceTypes: false }))
  const coercing = addFormats(new Ajv({ ...exact, coerceTypes: 'array' }))
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema))
}
