import { describe, expect, it, vi } from 'vitest'
import { keepInView } from '../../../../src/app/platform/keep-in-view.ts'

describe('keepInView', () => {
  const element = (tops: number[]) => ({ getBoundingClientRect: () => ({ top: tops.shift()! }) }) as unknown as Element

  it('scrolls by however far the element moved while the page changed', () => {
    const win = { scrollBy: vi.fn() }
    keepInView(element([120, 186]), win)()
    expect(win.scrollBy).toHaveBeenCalledWith(0, 66)
  })

  it('leaves the page alone when nothing moved', () => {
    const win = { scrollBy: vi.fn() }
    keepInView(element([120, 120.4]), win)()
    expect(win.scrollBy).not.toHaveBeenCalled()
  })
})
