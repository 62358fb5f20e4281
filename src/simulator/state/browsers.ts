// Which browsers last signed in as the snapshot persona (protocol §1.1 快照页: on a snapshot
// page the JS-SDK is unusable). A browser is the `wxsim_bid` cookie on the simulator origin;
// the bridge's preverify request carries it (credentials: 'include'), so the simulator can
// fail wx.config for that browser's pages until it signs in again as a real persona.

/** Enough for any dev session; beyond it the oldest marks go first (they only cost a false "ok"). */
const MAX_MARKS = 10_000

export function createBrowserStore() {
  // Insertion-ordered, so the first key is the oldest mark.
  const snapshot = new Set<string>()
  // The phone a browser last signed in as on the consent page: the bridge switches to it.
  const devices = new Map<string, { device: 'ios' | 'android', at: number }>()
  return {
    setDevice(bid: string, device: 'ios' | 'android', at: number): void {
      devices.delete(bid)
      devices.set(bid, { device, at })
      if (devices.size > MAX_MARKS)
        devices.delete(devices.keys().next().value!)
    },
    deviceOf: (bid: string | undefined) => bid === undefined ? undefined : devices.get(bid),
    setSnapshot(bid: string, isSnapshot: boolean): void {
      snapshot.delete(bid)
      if (!isSnapshot)
        return
      snapshot.add(bid)
      if (snapshot.size > MAX_MARKS)
        snapshot.delete(snapshot.values().next().value!)
    },
    isSnapshot: (bid: string | undefined): boolean => bid !== undefined && snapshot.has(bid),
  }
}

export type BrowserStore = ReturnType<typeof createBrowserStore>
