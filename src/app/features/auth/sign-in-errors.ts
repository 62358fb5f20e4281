/** The reasons the server sends to /signin/error, in the calm tone of WeUI's message pages. */
export const SIGN_IN_ERRORS: Record<string, { title: string, desc: string }> = {
  refused: { title: '你已取消授权', desc: '登录需要获取你的微信昵称和头像。公开内容无需登录也可浏览。' },
  state_mismatch: { title: '登录已过期', desc: '登录请求已失效，可能是停留时间过长或在其他页面打开。请重新登录。' },
  code_invalid: { title: '登录未完成', desc: '授权信息已失效，可能是页面被刷新。请重新登录。' },
  upstream: { title: '微信服务暂时不可用', desc: '暂时无法连接微信，请稍后再试。' },
  unavailable: { title: '登录未完成', desc: '服务暂时繁忙，登录没有完成。请稍后重新登录。' },
}

export const UNKNOWN_SIGN_IN_ERROR = { title: '登录失败', desc: '登录没有完成，请重新登录。' }

export function signInError(reason: unknown) {
  return (typeof reason === 'string' && Object.prototype.hasOwnProperty.call(SIGN_IN_ERRORS, reason) ? SIGN_IN_ERRORS[reason] : undefined) ?? UNKNOWN_SIGN_IN_ERROR
}
