import type { FastifyInstance } from 'fastify'
import { Ajv } from 'ajv'
import formats from 'ajv-formats'

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats)

const common = { removeAdditional: 'all', useDefaults: true, allErrors: false, strict: false } as const

/**
 * JSON bodies are validated exactly as sent (no `42` silently becoming `"42"`),
 * while query strings and path params, which are always text on the wire, are
 * coerced to the types their schemas declare.
 */
export function registerValidation(app: FastifyInstance): void {
  const strict = addFormats(new Ajv({ ...common, coerceTypes: false }))
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }))
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema))
}

/** Only JSON bodies are accepted; anything else is a 415 rather than a guess. */
export function restrictBodiesToJson(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain')
}
