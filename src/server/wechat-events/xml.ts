// A strict reader for the XML WeChat pushes to the account's server URL (消息与事件推送):
// elements, text and CDATA only, no attributes, DTDs, processing instructions or named
// entities beyond XML's five. Everything else is refused rather than guessed, so no entity
// expansion, external references or deep nesting can reach the server. docs/wechat-protocol.md §10.3.

/** One element: its text (CDATA and text joined) and its child elements in order. */
export interface XmlElement {
  name: string
  text: string
  children: XmlElement[]
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'XmlError'
  }
}

/** Real pushes are well under 4 KB; safe mode makes them about 1.5 times that. */
export const MAX_XML_BYTES = 64 * 1024
const MAX_DEPTH = 8
const MAX_ELEMENTS = 1000

const NAME = /^[A-Z_][\w.-]{0,63}$/i
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: '\'' }

function decodeText(raw: string): string {
  return raw.replace(/&([^;&<]{0,10});?/g, (match, ref: string) => {
    if (!match.endsWith(';'))
      throw new XmlError('bare & in text')
    if (ref in PREDEFINED)
      return PREDEFINED[ref]!
    const num = /^#(\d{1,7})$/.exec(ref) ?? /^#x([0-9a-f]{1,6})$/i.exec(ref)
    if (num) {
      const code = Number.parseInt(num[1]!, ref[1] === 'x' || ref[1] === 'X' ? 16 : 10)
      if (code === 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        throw new XmlError('invalid character reference')
      return String.fromCodePoint(code)
    }
    throw new XmlError(`entity &${ref.slice(0, 16)}; is not allowed`)
  })
}

/** Parses one document whose root is `<xml>`; throws XmlError for anything else. */
export function parseWeChatXml(input: string): XmlElement {
  if (Buffer.byteLength(input) > MAX_XML_BYTES)
    throw new XmlError('document too large')
  let i = 0
  const s = input.replace(/^\uFEFF/, '')
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++
  }
  skipSpace()
  // An XML declaration is harmless; any other <? or <! (DOCTYPE, ENTITY) is refused.
  if (s.startsWith('<?xml', i)) {
    const end = s.indexOf('?>', i)
    if (end === -1 || /[<!&]/.test(s.slice(i + 5, end)))
      throw new XmlError('bad XML declaration')
    i = end + 2
    skipSpace()
  }
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  let count = 0
  while (i < s.length) {
    const lt = s.indexOf('<', i)
    const textEnd = lt === -1 ? s.length : lt
    const rawText = s.slice(i, textEnd)
    if (rawText.includes('>'))
      throw new XmlError('stray > in text')
    if (stack.length === 0) {
      if (rawText.trim() !== '')
        throw new XmlError('text outside the root element')
    }
    else {
      stack.at(-1)!.text += decodeText(rawText)
    }
    if (lt === -1)
      break
    i = lt
    if (s.startsWith('<![CDATA[', i)) {
      if (stack.length === 0)
        throw new XmlError('CDATA outside the root element')
      const end = s.indexOf(']]>', i + 9)
      if (end === -1)
        throw new XmlError('unterminated CDATA')
      stack.at(-1)!.text += s.slice(i + 9, end)
      i = end + 3
      continue
    }
    if (s[i + 1] === '!' || s[i + 1] === '?')
      throw new XmlError('declarations, comments and processing instructions are not allowed')
    const gt = s.indexOf('>', i)
    if (gt === -1)
      throw new XmlError('unterminated tag')
    const tag = s.slice(i + 1, gt)
    i = gt + 1
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim()
      const open = stack.pop()
      if (!open || open.name !== name)
        throw new XmlError('mismatched closing tag')
      if (stack.length === 0) {
        root = open
        skipSpace()
        if (i < s.length)
          throw new XmlError('content after the root element')
        break
      }
      continue
    }
    const selfClosing = tag.endsWith('/')
    const name = (selfClosing ? tag.slice(0, -1) : tag).trim()
    if (!NAME.test(name))
      throw new XmlError('attributes and unusual element names are not allowed')
    if (stack.length === 0 && (root || name !== 'xml'))
      throw new XmlError('the root element must be <xml>')
    if (++count > MAX_ELEMENTS || stack.length >= MAX_DEPTH)
      throw new XmlError('document too complex')
    const element: XmlElement = { name, text: '', children: [] }
    stack.at(-1)?.children.push(element)
    if (selfClosing) {
      if (stack.length === 0)
        throw new XmlError('empty root element')
      continue
    }
    stack.push(element)
  }
  if (!root || stack.length > 0)
    throw new XmlError('unterminated document')
  return root
}

/** The text of the first child called `name`, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find(c => c.name === name)?.text
}
