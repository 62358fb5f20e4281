// sanitize-html 2.17 (the last release that runs on Node 20) ships no types; this is the part we call.
declare module 'sanitize-html' {
  interface SanitizeOptions {
    allowedTags?: string[] | false
    allowedAttributes?: Record<string, string[]> | false
    allowedSchemes?: string[]
    allowedSchemesAppliedToAttributes?: string[]
    allowProtocolRelative?: boolean
    disallowedTagsMode?: 'discard' | 'escape' | 'recursiveEscape'
    nonTextTags?: string[]
    enforceHtmlBoundary?: boolean
  }
  function sanitizeHtml(dirty: string, options?: SanitizeOptions): string
  export default sanitizeHtml
}
