import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserLocalStorage, browserSessionStorage, createJsonStorage } from '../../../../src/app/platform/storage.ts'
import { mapArea } from '../helpers/fake-platform.ts'

describe('JSON storage', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('round-trips JSON values', () => {
    const map = new Map<string, string>()
    const storage = createJsonStorage(mapArea(map))
    storage.set('k', { orderId: 41 })
    expect(map.get('k')).toBe('{"orderId":41}')
    expect(storage.get('k')).toEqual({ orderId: 41 })
    storage.remove('k')
    expect(storage.get('k')).toBeUndefined()
  })

  it('never throws: no storage, a full quota, unreadable JSON', () => {
    const full = { getItem: () => '{not json', setItem: () => { throw new DOMException('full', 'QuotaExceededError') }, removeItem: () => { throw new Error('denied') } }
    for (const storage of [createJsonStorage(undefined), createJsonStorage(full)]) {
      expect(() => storage.set('k', 1)).not.toThrow()
      expect(storage.get('k')).toBeUndefined()
      expect(() => storage.remove('k')).not.toThrow()
    }
  })

  it('uses localStorage for device storage and sessionStorage for per-tab storage', () => {
    const local = new Map<string, string>()
    const tab = new Map<string, string>()
    vi.stubGlobal('localStorage', mapArea(local))
    vi.stubGlobal('sessionStorage', mapArea(tab))
    browserLocalStorage().set('a', 1)
    browserSessionStorage().set('b', 2)
    expect([...local.keys()]).toEqual(['a'])
    expect([...tab.keys()]).toEqual(['b'])
  })

  it('works as a no-op where reading localStorage itself throws (storage disabled)', () => {
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get: () => { throw new DOMException('denied', 'SecurityError') } })
    try {
      const storage = browserLocalStorage()
      expect(() => storage.set('a', 1)).not.toThrow()
      expect(storage.get('a')).toBeUndefined()
    }
    finally {
      delete (globalThis as { localStorage?: unknown }).localStorage
    }
  })
})
