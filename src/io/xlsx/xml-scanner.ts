/**
 * A forward-only scanner over XML text, enough for the parts of an XLSX workbook: it walks tags with
 * `indexOf`, never builds a tree, skips comments, processing instructions and doctype, and reads
 * attributes and text on demand. Names are compared without their namespace prefix (`x:row` is `row`).
 */
export class XmlScanner {
  readonly xml: string
  /** Local name of the current tag, without prefix. */
  name = ''
  /** The current tag is a closing tag (`</row>`). */
  isEnd = false
  /** The current tag closes itself (`<c r="A1"/>`). */
  isSelfClosing = false
  private position = 0
  private attributesStart = 0
  private attributesEnd = 0

  constructor(xml: string) {
    this.xml = xml
  }

  /** Moves to the next tag; false at the end of the text (or of a truncated tag). */
  next(): boolean {
    const xml = this.xml
    const length = xml.length
    for (;;) {
      const open = xml.indexOf('<', this.position)
      if (open === -1) return this.stop()
      const first = xml.charCodeAt(open + 1)
      if (first === 0x21 || first === 0x3f) {
        // <!-- comment -->, <![CDATA[ ]]> outside text, <!DOCTYPE …>, <?xml … ?>
        const terminator = xml.startsWith('<!--', open)
          ? '-->'
          : xml.startsWith('<![CDATA[', open)
            ? ']]>'
            : '>'
        const close = xml.indexOf(terminator, open + 2)
        if (close === -1) return this.stop()
        this.position = close + terminator.length
        continue
      }
      this.isEnd = first === 0x2f
      let cursor = this.isEnd ? open + 2 : open + 1
      let localStart = cursor
      for (; cursor < length; cursor++) {
        const code = xml.charCodeAt(cursor)
        if (code === 0x3e || code === 0x2f || code <= 0x20) break
        if (code === 0x3a) localStart = cursor + 1
      }
      this.name = xml.slice(localStart, cursor)
      this.attributesStart = cursor
      while (cursor < length) {
        const code = xml.charCodeAt(cursor)
        if (code === 0x3e) break
        if (code === 0x22 || code === 0x27) {
          const quote = xml.indexOf(code === 0x22 ? '"' : "'", cursor + 1)
          cursor = quote === -1 ? length : quote + 1
        } else {
          cursor++
        }
      }
      if (cursor >= length) return this.stop()
      this.isSelfClosing = xml.charCodeAt(cursor - 1) === 0x2f
      this.attributesEnd = this.isSelfClosing ? cursor - 1 : cursor
      this.position = cursor + 1
      return true
    }
  }

  /** The decoded value of the current tag's attribute with this local name (prefix ignored), if present. */
  attribute(localName: string): string | undefined {
    const xml = this.xml
    const end = this.attributesEnd
    let cursor = this.attributesStart
    while (cursor < end) {
      const code = xml.charCodeAt(cursor)
      if (code <= 0x20) {
        cursor++
        continue
      }
      const equals = xml.indexOf('=', cursor)
      if (equals === -1 || equals >= end) return undefined
      let nameEnd = equals
      while (nameEnd > cursor && xml.charCodeAt(nameEnd - 1) <= 0x20) nameEnd--
      let quoteAt = equals + 1
      while (quoteAt < end && xml.charCodeAt(quoteAt) <= 0x20) quoteAt++
      const quote = xml.charCodeAt(quoteAt)
      if (quote !== 0x22 && quote !== 0x27) return undefined
      const valueEnd = xml.indexOf(quote === 0x22 ? '"' : "'", quoteAt + 1)
      if (valueEnd === -1 || valueEnd > end) return undefined
      let localStart = nameEnd
      while (localStart > cursor && xml.charCodeAt(localStart - 1) !== 0x3a) localStart--
      if (nameEnd - localStart === localName.length && xml.startsWith(localName, localStart)) {
        return decodeXmlText(xml.slice(quoteAt + 1, valueEnd))
      }
      cursor = valueEnd + 1
    }
    return undefined
  }

  /**
   * The decoded text inside the current start tag, up to its closing tag (CDATA kept verbatim, stray child
   * tags skipped). The scanner stops before the closing tag, so the next `next()` returns it.
   */
  text(): string {
    if (this.isEnd || this.isSelfClosing) return ''
    const xml = this.xml
    let result = ''
    let cursor = this.position
    for (;;) {
      const open = xml.indexOf('<', cursor)
      if (open === -1) {
        result += decodeXmlText(xml.slice(cursor))
        this.position = xml.length
        return result
      }
      if (open > cursor) result += decodeXmlText(xml.slice(cursor, open))
      if (xml.charCodeAt(open + 1) === 0x2f) {
        this.position = open
        return result
      }
      if (xml.startsWith('<![CDATA[', open)) {
        const close = xml.indexOf(']]>', open + 9)
        const stop = close === -1 ? xml.length : close
        result += xml.slice(open + 9, stop)
        cursor = close === -1 ? xml.length : close + 3
        continue
      }
      const close = xml.indexOf('>', open)
      cursor = close === -1 ? xml.length : close + 1
    }
  }

  private stop(): false {
    this.position = this.xml.length
    this.name = ''
    return false
  }
}

const entityPattern = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes XML character data: the five named entities, numeric references, and CR/CRLF line ends as LF. */
export function decodeXmlText(raw: string): string {
  let text = raw
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n')
  if (text.indexOf('&') === -1) return text
  return text.replace(
    entityPattern,
    (entity, name: string | undefined, decimal?: string, hexadecimal?: string) => {
      if (name) return namedEntities[name]
      const codePoint =
        decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hexadecimal ?? '', 16)
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity
    },
  )
}
