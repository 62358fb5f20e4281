import type { Config } from '../../../src/server/config/config.ts'
import type { SimulatorSetup } from '../../../src/simulator/keys.ts'
import type { RunningSimulator } from '../../../src/simulator/start.ts'
import { configFromSetup } from '../../../src/simulator/config.ts'
import { createSimulatorSetup } from '../../../src/simulator/keys.ts'
import { startSimulator } from '../../../src/simulator/start.ts'
import { testConfig } from './test-config.ts'

export const PUBLIC_ORIGIN = 'http://h5.test.local'

let setup: SimulatorSetup | undefined

/** A simulator on a free port, sharing one generated key set per worker (RSA generation is slow). */
export async function startTestSimulator(): Promise<RunningSimulator> {
  setup ??= createSimulatorSetup()
  return startSimulator({ config: configFromSetup(setup, { publicOrigin: PUBLIC_ORIGIN, notifyRetryScale: 0.001 }) })
}

/** The API's configuration wired to that simulator, as `npm run dev` does. */
export function configFor(sim: RunningSimulator, overrides: Partial<Config> = {}): Config {
  const s = setup!
  return testConfig({
    publicOrigin: PUBLIC_ORIGIN,
    wechat: {
      appId: s.appId,
      appSecret: s.appSecret,
      oauthOrigin: sim.origin,
      apiOrigin: sim.origin,
      oauthScope: 'snsapi_userinfo',
      jsSdkExtraHosts: [],
    },
    pay: {
      mchId: s.mchId,
      certSerial: s.merchantSerial,
      privateKeyPem: s.merchantPrivateKeyPem,
      apiV3Key: s.apiV3Key,
      platformKeys: [{ id: s.platformPublicKeyId, publicKeyPem: s.platformPublicKeyPem }],
      apiOrigin: sim.origin,
      // The simulator accepts http notify URLs on loopback only; tests that need delivered
      // notifications listen on 127.0.0.1 and point this at themselves.
      notifyUrl: 'http://127.0.0.1:9/api/pay/notify',
    },
    ...overrides,
  })
}

/** The worker's simulator identities and keys (platform private key, APIv3 key…), to forge notifications in tests. */
export function simulatorSetup(): SimulatorSetup {
  setup ??= createSimulatorSetup()
  return setup
}

/** Simulator admin calls (faults, clock, counters). */
export function simAdmin(sim: RunningSimulator) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.origin}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
    return res.status === 204 ? null : res.json()
  }
  return {
    calls: async (): Promise<Record<string, number>> => ((await call('GET', '/__sim/calls')) as { calls: Record<string, number> }).calls,
    resetCalls: () => call('DELETE', '/__sim/calls'),
    fault: (f: Record<string, unknown>) => call('POST', '/__sim/faults', f),
    clearFaults: () => call('DELETE', '/__sim/faults'),
    advanceClock: (seconds: number) => call('POST', '/__sim/clock', { advanceSeconds: seconds }),
  }
}
