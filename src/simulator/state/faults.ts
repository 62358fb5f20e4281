// Injected failures, consumed one request (or notification) at a time.
export type ApiFaultMode = 'errcode' | 'timeout' | 'slow' | 'signtest'
export type NotifyFaultMode = 'drop' | 'duplicate' | 'signtest'

export interface ApiFault {
  api: string
  mode: ApiFaultMode
  /** WeChat errcode for /sns and /cgi-bin (default -1 system error). */
  errcode?: number
  /** HTTP status and code for /v3 (default 500 SYSTEM_ERROR). */
  status?: number
  code?: string
  delayMs?: number
  count: number
}

export interface NotifyFault { notify: NotifyFaultMode, count: number }
/** How the next refunds end instead of SUCCESS; PROCESSING keeps them waiting for /__sim/refunds/:no/settle. */
export type RefundOutcomeMode = 'CLOSED' | 'ABNORMAL' | 'PROCESSING'
export interface RefundFault { refund: RefundOutcomeMode, count: number }

export function createFaultStore() {
  let api: ApiFault[] = []
  let notify: NotifyFault[] = []
  let refund: RefundFault[] = []
  return {
    addRefund: (f: RefundFault) => { refund.push({ ...f }) },
    takeRefund(): RefundOutcomeMode | undefined {
      const f = refund[0]
      if (!f)
        return undefined
      if (--f.count <= 0)
        refund = refund.slice(1)
      return f.refund
    },
    addApi: (f: ApiFault) => { api.push({ ...f }) },
    addNotify: (f: NotifyFault) => { notify.push({ ...f }) },
    clear: () => {
      api = []
      notify = []
      refund = []
    },
    list: () => ({ api: api.map(f => ({ ...f })), notify: notify.map(f => ({ ...f })), ...(refund.length > 0 ? { refund: refund.map(f => ({ ...f })) } : {}) }),
    /** The next fault for a request path (exact path or route pattern), consuming one use. */
    takeApi(path: string, pattern?: string): ApiFault | undefined {
      const f = api.find(x => x.api === path || x.api === pattern)
      if (!f)
        return undefined
      if (--f.count <= 0)
        api = api.filter(x => x !== f)
      return f
    },
    takeNotify(): NotifyFaultMode | undefined {
      const f = notify[0]
      if (!f)
        return undefined
      if (--f.count <= 0)
        notify = notify.slice(1)
      return f.notify
    },
  }
}

export type FaultStore = ReturnType<typeof createFaultStore>
