import type { FastifyInstance } from 'fastify'
import { constants } from 'node:zlib'
import compress from '@fastify/compress'
import fp from 'fastify-plugin'

/**
 * gzip/brotli for dynamic responses. Built assets are pre-compressed at build
 * time and served as-is, so brotli here can stay at a cheap quality level.
 */
export const compressionPlugin = fp(async (app: FastifyInstance) => {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  })
}, { name: 'compression' })
