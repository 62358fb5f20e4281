import type { Config } from '../../../src/server/config/config.ts'

/** A complete, valid configuration for tests; WeChat origins point at a simulator when one is given. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    publicOrigin: 'http://h5.test.local',
    wechat: {
      appId: 'wx0123456789abcdef',
      appSecret: '0123456789abcdef0123456789abcdef',
      oauthOrigin: 'http://127.0.0.1:9',
      apiOrigin: 'http://127.0.0.1:9',
      oauthScope: 'snsapi_userinfo',
      jsSdkExtraHosts: [],
    },
    pay: null,
    databaseUrl: null,
    databasePoolSize: 10,
    dataDir: '.data/test',
    sessionSecret: 'test-session-secret-0123456789abcdef',
    adminToken: 'test-admin-token-0123456789',
    staticDir: null,
    logLevel: 'silent',
    trustProxy: false,
    rateLimit: { perMinute: 300, jsSdkPerMinute: 120 },
    ...overrides,
  }
}
