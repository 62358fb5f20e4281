import type { FunctionalComponent } from 'vue'
import { h } from 'vue'

/**
 * `<script type="text/wxtag-template">`: where an open tag's content goes when a framework
 * renders the page (Vue templates may not contain <script>). The client renders it in
 * isolation, so the content needs inline styles.
 */
export const WxTagTemplate: FunctionalComponent = (_props, { slots }) =>
  h('script', { type: 'text/wxtag-template' }, slots.default?.())
