// Delivery of payment/refund notifications to notify_url (protocol §6.5).
// https://pay.weixin.qq.com/doc/v3/merchant/4012791836
// 200/204 (any 2xx) within 5 s = received; anything else is retried on the documented
// schedule 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, multiplied by notifyRetryScale.
import type { Clock } from '../clock.ts'
import type { ResolvedConfig } from '../config.ts'
import type { Timers } from '../http/timers.ts'
import type { FaultStore } from '../state/faults.ts'
import type { NotifyDelivery } from '../state/orders.ts'
import type { NotifyEvent } from './notify-body.ts'
import { toCstRfc3339 } from '../clock.ts'
import { AUTH_SCHEME } from '../crypto/merchant-auth.ts'
import { platformSignatureHeaders } from '../crypto/platform-sign.ts'
import { newRequestId } from '../ids.ts'
import { notifyBody } from './notify-body.ts'

export const RETRY_DELAYS_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600]

export interface NotifyJob {
  url: string
  event: NotifyEvent
  /** The order's or refund's delivery log. */
  log: NotifyDelivery[]
}

export function createNotifier(deps: { config: ResolvedConfig, clock: Clock, timers: Timers, faults: FaultStore }) {
  const { config, clock, timers, faults } = deps

  /** One POST; resolves to whether the merchant acknowledged it. */
  async function post(job: NotifyJob, body: string, attempt: number, probe: boolean): Promise<boolean> {
    const started = Date.now()
    const entry: NotifyDelivery = { attempt, eventType: job.event.eventType, at: toCstRfc3339(clock.now()), outcome: 'failed', durationMs: 0 }
    if (probe)
      entry.probe = true
    const headers = {
      'Content-Type': 'application/json',
      'Accept': 'application/json',
      'User-Agent': 'Mozilla/4.0',
      'Request-ID': newRequestId(),
      'Wechatpay-Signature-Type': AUTH_SCHEME,
      // Notifications are signed with wall time: the merchant checks it against its own clock.
      ...platformSignatureHeaders({ body, nowSeconds: Math.floor(clock.wallNow() / 1000), privateKeyPem: config.platformPrivateKeyPem, serial: config.platformPublicKeyId, probe }),
    }
    try {
      const res = await fetch(job.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(config.notifyTimeoutMs), timers.signal]),
      })
      await res.arrayBuffer().catch(() => undefined)
      entry.status = res.status
      entry.outcome = res.status >= 200 && res.status < 300 ? 'delivered' : 'failed'
    }
    catch (err) {
      entry.error = err instanceof Error && err.name === 'TimeoutError' ? `no reply within ${config.notifyTimeoutMs} ms` : String(err instanceof Error ? (err.cause ?? err.message) : err)
    }
    entry.durationMs = Date.now() - started
    job.log.push(entry)
    return entry.outcome === 'delivered'
  }

  async function attempt(job: NotifyJob, body: string, n: number): Promise<void> {
    if (timers.signal.aborted)
      return
    const fault = faults.takeNotify()
    let ok = false
    if (fault === 'drop') {
      // Lost on the way: the merchant never sees it and WeChat retries.
      job.log.push({ attempt: n, eventType: job.event.eventType, at: toCstRfc3339(clock.now()), outcome: 'dropped', durationMs: 0 })
    }
    else {
      ok = await post(job, body, n, fault === 'signtest')
      // Duplicates happen for real; merchants must process them idempotently (§6.5).
      if (fault === 'duplicate')
        ok = (await post(job, body, n, false)) || ok
    }
    const delay = RETRY_DELAYS_S[n - 1]
    if (!ok && delay !== undefined)
      timers.after(delay * 1000 * config.notifyRetryScale, () => void attempt(job, body, n + 1))
  }

  return {
    /** Starts delivery in the background; the same body (same id) is re-signed on every retry. */
    send(job: NotifyJob): void {
      const body = notifyBody(job.event, config.apiV3Key)
      void attempt(job, body, 1)
    },
  }
}

export type Notifier = ReturnType<typeof createNotifier>
