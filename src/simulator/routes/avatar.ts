// GET /__sim/avatar/<key>.svg: the personas' avatars (headimgurl of /sns/userinfo).
import type { FastifyPluginAsync } from 'fastify'
import { personaByKey } from '../personas.ts'
import { esc } from './oauth-pages.ts'

export const avatarRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { file: string } }>('/__sim/avatar/:file', async (request, reply) => {
    const m = /^([a-z]+)\.svg$/.exec(request.params.file)
    const persona = m ? personaByKey(m[1]) : undefined
    if (!persona)
      return reply.code(404).send({ ok: false, error: 'avatar not found' })
    const letter = esc([...persona.nickname][0] ?? '?')
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132"><rect width="132" height="132" fill="${persona.avatarColor}"/><text x="66" y="66" dy=".35em" text-anchor="middle" font-family="PingFang SC,sans-serif" font-size="60" fill="#fff">${letter}</text></svg>`
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg)
  })
}
