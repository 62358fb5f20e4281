import { describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { usePreferredColorScheme } from '../../../../src/app/platform/color-scheme.ts'

/** A MediaQueryList as Safari < 14 has it: addListener/removeListener only. */
function legacyQuery(matches: boolean) {
  const listeners = new Set<() => void>()
  const query = {
    matches,
    addListener: vi.fn((fn: () => void) => void listeners.add(fn)),
    removeListener: vi.fn((fn: () => void) => void listeners.delete(fn)),
    change(to: boolean) {
      query.matches = to
      listeners.forEach(fn => fn())
    },
    listeners,
  }
  return query
}

function modernQuery(matches: boolean) {
  const listeners = new Set<() => void>()
  const query = {
    matches,
    addEventListener: vi.fn((_type: string, fn: () => void) => void listeners.add(fn)),
    removeEventListener: vi.fn((_type: string, fn: () => void) => void listeners.delete(fn)),
    addListener: vi.fn(),
    change(to: boolean) {
      query.matches = to
      listeners.forEach(fn => fn())
    },
    listeners,
  }
  return query
}

describe('the preferred color scheme', () => {
  it('follows changes through addEventListener, and stops when its scope ends', () => {
    const query = modernQuery(false)
    const scope = effectScope()
    const scheme = scope.run(() => usePreferredColorScheme(() => query as unknown as MediaQueryList))!
    expect(scheme.value).toBe('light')
    query.change(true)
    expect(scheme.value).toBe('dark')
    expect(query.addListener).not.toHaveBeenCalled()
    scope.stop()
    expect(query.listeners.size).toBe(0)
  })

  it('falls back to addListener/removeListener on Safari < 14', () => {
    const query = legacyQuery(true)
    const scope = effectScope()
    const scheme = scope.run(() => usePreferredColorScheme(() => query as unknown as MediaQueryList))!
    expect(scheme.value).toBe('dark')
    query.change(false)
    expect(scheme.value).toBe('light')
    scope.stop()
    expect(query.removeListener).toHaveBeenCalledOnce()
    expect(query.listeners.size).toBe(0)
  })

  it('stays light without matchMedia', () => {
    const scope = effectScope()
    expect(scope.run(() => usePreferredColorScheme(undefined))!.value).toBe('light')
    scope.stop()
  })
})
