import type { ConfigError } from '../../src/server/config/load-config.ts'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config/load-config.ts'
import { parseTrustProxy } from '../../src/server/config/trust-proxy.ts'
import { addressBucket } from '../../src/server/plugins/external/client-address.ts'

const minimal = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
    return []
  }
  catch (e) {
    return (e as ConfigError).problems
  }
}

describe('TRUST_PROXY', () => {
  it('reads a hop count, not "trust everything", from 1', () => {
    expect(loadConfig({ ...minimal, TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ ...minimal, TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ ...minimal, TRUST_PROXY: '0' }).trustProxy).toBe(false)
    expect(loadConfig(minimal).trustProxy).toBe(false)
  })

  it('reads proxy addresses and CIDRs, and refuses what is not one', () => {
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.10,::1,fd00::/8').value).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8'])
    expect(problemsOf({ ...minimal, TRUST_PROXY: 'nginx' })[0]).toMatch(/^TRUST_PROXY must be false, a hop count/)
    expect(problemsOf({ ...minimal, TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/10\.0\.0\.0\/33/)
  })

  it('keeps true, which the app warns about at start-up', () => {
    expect(loadConfig({ ...minimal, TRUST_PROXY: 'true' }).trustProxy).toBe(true)
  })
})

describe('rate-limit variables', () => {
  it('default to 300 and 120 a minute and accept other whole numbers', () => {
    expect(loadConfig(minimal).rateLimit).toEqual({ perMinute: 300, jsSdkPerMinute: 120 })
    expect(loadConfig({ ...minimal, RATE_LIMIT_PER_MINUTE: '1000', JSSDK_RATE_LIMIT_PER_MINUTE: '50' }).rateLimit).toEqual({ perMinute: 1000, jsSdkPerMinute: 50 })
  })

  it.each(['0', '-5', '1.5', 'lots', '99999999'])('refuse %s', (value) => {
    const problems = problemsOf({ ...minimal, RATE_LIMIT_PER_MINUTE: value, JSSDK_RATE_LIMIT_PER_MINUTE: value })
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^RATE_LIMIT_PER_MINUTE must be a whole number/)
  })
})

describe('PUBLIC_ORIGIN in production', () => {
  it('refuses http unless it is loopback', () => {
    expect(problemsOf({ ...minimal, NODE_ENV: 'production', PUBLIC_ORIGIN: 'http://h5.example.com' })[0]).toMatch(/PUBLIC_ORIGIN must be https in production/)
    for (const origin of ['http://127.0.0.1:3000', 'http://localhost:8080', 'http://[::1]:3000'])
      expect(problemsOf({ ...minimal, NODE_ENV: 'production', PUBLIC_ORIGIN: origin })).toEqual([])
    expect(problemsOf({ ...minimal, PUBLIC_ORIGIN: 'http://h5.example.com' })).toEqual([])
  })
})

describe('addressBucket', () => {
  it('groups IPv6 by /64 and unwraps IPv4-mapped addresses, like the rate-limit library', () => {
    expect(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(addressBucket('2001:db8:1:2::1'))
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(addressBucket('2001:db8:1:2::1'))
    expect(addressBucket('2001:0DB8:0001:0002::ffff')).toBe('2001:db8:1:2::/64')
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9')
    expect(addressBucket('::1')).toBe('0:0:0:0::/64')
  })
})
