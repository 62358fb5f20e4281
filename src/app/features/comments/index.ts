import { defineAsyncComponent } from 'vue'

export { commentSegments, commentTime } from './comment-text.ts'

/** 留言 under an article; loads with its own chunk, after the article itself. */
export const CommentsSection = defineAsyncComponent(() => import('./CommentsSection.vue'))
