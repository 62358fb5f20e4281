// notify_url rule (protocol §6.1): HTTPS, no query string. Local development has no TLS,
// so http:// is allowed for loopback hosts when the config says so.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** An issue in Chinese, or undefined when the URL is acceptable. */
export function checkNotifyUrl(value: string, allowHttpLoopback: boolean): string | undefined {
  if (value.length > 256)
    return 'notify_url 长度不能超过 256'
  let url: URL
  try {
    url = new URL(value)
  }
  catch {
    return 'notify_url 须为完整的 URL'
  }
  if (url.search !== '' || value.includes('?'))
    return 'notify_url 不能携带查询参数'
  if (url.hash !== '' || value.includes('#'))
    return 'notify_url 不能包含 #'
  if (url.protocol === 'https:')
    return undefined
  if (url.protocol === 'http:' && allowHttpNotifyLoopbackHost(url, allowHttpLoopback))
    return undefined
  return 'notify_url 须为 https 地址'
}

function allowHttpNotifyLoopbackHost(url: URL, allow: boolean): boolean {
  return allow && LOOPBACK.has(url.hostname)
}
