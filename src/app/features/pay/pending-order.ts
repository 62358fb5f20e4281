import type { JsonStorage } from '../../platform/storage.ts'
import type { PurchaseItem } from './types.ts'

const STORAGE_KEY = 'kit:pending-order'
/** An order cannot be paid after its prepay_id expires (2 h): older records are dropped. */
const MAX_AGE_MS = 2 * 60 * 60 * 1000

export interface PendingOrder {
  orderId: number
  item: PurchaseItem
  /** The page that started it: checked again when that page is opened. */
  path: string
  savedAt: number
}

/**
 * The order being paid, in device storage (localStorage) until the server confirms it: when the
 * network drops or WeChat closes the webview during payment (which loses sessionStorage),
 * reopening the page later checks it, so a payment that went through unlocks on return.
 * Another WeChat account on the same device gets a 404 for it, which forgets it.
 */
export function createPendingOrders(storage: JsonStorage, now: () => number = Date.now) {
  return {
    remember(orderId: number, item: PurchaseItem, path: string) {
      storage.set(STORAGE_KEY, { orderId, item, path, savedAt: now() } satisfies PendingOrder)
    },
    /** The order started on `path`, if recent enough; stays stored until `forget`. */
    peek(path: string): PendingOrder | undefined {
      const stored = storage.get<PendingOrder>(STORAGE_KEY)
      if (!stored || typeof stored.orderId !== 'number' || stored.path !== path)
        return undefined
      if (now() - stored.savedAt > MAX_AGE_MS) {
        storage.remove(STORAGE_KEY)
        return undefined
      }
      return stored
    },
    forget(orderId: number) {
      if (storage.get<PendingOrder>(STORAGE_KEY)?.orderId === orderId)
        storage.remove(STORAGE_KEY)
    },
  }
}
