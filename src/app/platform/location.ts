/** The address bar as the app may use it; injected so that tests and features never touch `window.location`. */
export interface AppLocation {
  /** The full current URL, hash included. */
  readonly href: string
  readonly origin: string
  /** Path and query, e.g. `/polls/weekly?from=timeline`. */
  readonly fullPath: string
  readonly pathname: string
  /** Leaves the SPA (e.g. into the WeChat OAuth redirect). */
  assign: (url: string) => void
}

export function browserLocation(win: Window = window): AppLocation {
  const loc = win.location
  return {
    get href() { return loc.href },
    get origin() { return loc.origin },
    get fullPath() { return loc.pathname + loc.search },
    get pathname() { return loc.pathname },
    assign: url => loc.assign(url),
  }
}
