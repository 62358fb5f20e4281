import type { BridgeCall } from '../../src/simulator/bridge/types.ts'
import { describe, expect, it } from 'vitest'
import { collapseRepeats } from '../../src/simulator/bridge/dev-panel.ts'

const call = (name: string, title = 'A'): BridgeCall => ({ at: 0, kind: 'invoke', name, args: { title }, reply: `${name}:ok` })

describe('the dev panel\'s call list', () => {
  it('shows a run of identical calls once, with a count', () => {
    const shown = collapseRepeats([call('updateAppMessageShareData'), call('updateAppMessageShareData'), call('updateAppMessageShareData'), call('updateTimelineShareData')])
    expect(shown.map(c => [c.name, c.times])).toEqual([['updateAppMessageShareData', 3], ['updateTimelineShareData', 1]])
  })

  it('keeps calls apart when their arguments differ', () => {
    expect(collapseRepeats([call('updateAppMessageShareData', 'A'), call('updateAppMessageShareData', 'B')])).toHaveLength(2)
  })
})
