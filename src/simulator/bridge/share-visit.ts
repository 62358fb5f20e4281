// How a friend arrives at a shared page: WeChat appends its own query parameters to the link
// (protocol.md §3.2: "from=…&isappinstalled=…"), which is why kits must sign location.href
// dynamically rather than a URL they built. We append them without re-encoding the rest.

const SOURCE = { appMessage: 'singlemessage', timeline: 'timeline' } as const

export function linkAsOpenedFrom(link: string, kind: keyof typeof SOURCE): string {
  const hashAt = link.indexOf('#')
  const base = hashAt < 0 ? link : link.slice(0, hashAt)
  const hash = hashAt < 0 ? '' : link.slice(hashAt)
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?'
  return `${base}${sep}from=${SOURCE[kind]}&isappinstalled=0${hash}`
}
