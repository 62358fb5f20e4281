import type { FastifyInstance } from 'fastify'
import type { Fetch } from '../../wechat/wechat-http.ts'
import fp from 'fastify-plugin'
import { createCredentialStore } from '../../wechat/credential-store.ts'
import { createCredentialsClient } from '../../wechat/credentials-client.ts'
import { createOAuthClient } from '../../wechat/oauth-client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    wechat: {
      oauth: ReturnType<typeof createOAuthClient>
      credentials: ReturnType<typeof createCredentialStore>
    }
  }
}

/** WeChat's server APIs as services; `fetch` is injected so tests point them at the simulator. */
export const wechatPlugin = fp<{ fetch: Fetch }>(async (app: FastifyInstance, { fetch }) => {
  const { wechat } = app.config
  app.decorate('wechat', {
    oauth: createOAuthClient(wechat, fetch),
    credentials: createCredentialStore({ database: app.database, client: createCredentialsClient(wechat, fetch), log: app.log }),
  })
}, { name: 'wechat' })
