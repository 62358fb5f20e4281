import type { Inline } from '@shared/schemas/blocks.ts'
import type { FunctionalComponent, VNodeArrayChildren } from 'vue'
import { h } from 'vue'

/** One run's text as text nodes: `\n` becomes `<br>`, bold `<strong>`, italic `<em>`. */
export const RunText: FunctionalComponent<{ run: Inline }> = ({ run }) => {
  const lines: VNodeArrayChildren = run.text.split('\n').flatMap((line, i) => i ? [h('br'), line] : [line])
  let node: VNodeArrayChildren = lines
  if (run.italic)
    node = [h('em', node)]
  if (run.bold)
    node = [h('strong', node)]
  return node
}
RunText.props = ['run']
