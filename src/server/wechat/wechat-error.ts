/** An `{errcode, errmsg}` answer from WeChat's server API (errcode ≠ 0), or a failure to reach it. */
export class WeChatApiError extends Error {
  constructor(readonly errcode: number, readonly errmsg: string, readonly api: string) {
    super(`${api} failed: ${errcode} ${errmsg}`)
    this.name = 'WeChatApiError'
  }

  /** The access token is stale or was replaced: refresh and retry once (protocol.md §1.6). */
  get isStaleToken(): boolean {
    return this.errcode === 40001 || this.errcode === 42001 || this.errcode === 40014
  }

  /** 系统繁忙: worth a retry after a pause. */
  get isBusy(): boolean {
    return this.errcode === -1
  }
}

/** Network failure, timeout or a non-JSON answer: WeChat could not be asked. */
export const UNREACHABLE = -2

/**
 * Operator-facing advice for errors nobody can fix by retrying. Logged and kept
 * out of responses: followers only learn that the service is unavailable.
 */
export function operatorHint(e: WeChatApiError): string | null {
  switch (e.errcode) {
    case 45009: return 'Daily API quota reached (45009). Reset it in the MP console (开发 → 接口权限 → 清零) or wait until midnight; check that nothing else fetches tokens.'
    case 45011: return 'Per-minute API quota reached (45011): something calls WeChat far too often; WeChat asks to retry next minute.'
    case 40164: return `This server's IP is not in the IP whitelist (40164): add it in the MP console (设置与开发 → 基本配置 → IP白名单). ${e.errmsg}`
    case 40013: return 'WECHAT_APPID is not a valid AppID (40013).'
    case 40125:
    case 40001: return e.api.includes('token') ? 'WECHAT_APPSECRET is wrong or was reset in the MP console (40125/40001).' : null
    case 40243: return 'The AppSecret is frozen (40243): unfreeze it in the MP console.'
    default: return null
  }
}
