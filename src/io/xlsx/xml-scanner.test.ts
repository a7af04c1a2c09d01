import { describe, expect, it } from 'vitest'
import { decodeXmlText, XmlScanner } from './xml-scanner.js'

function tags(xml: string): string[] {
  const scanner = new XmlScanner(xml)
  const seen: string[] = []
  while (scanner.next())
    seen.push(`${scanner.isEnd ? '/' : ''}${scanner.name}${scanner.isSelfClosing ? '/' : ''}`)
  return seen
}

describe('XmlScanner', () => {
  it('walks tags by local name, skipping the declaration, comments and doctype', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE x><!-- <c> --><x:row r="1"><x:c r="A1"/></x:row>'
    expect(tags(xml)).toEqual(['row', 'c/', '/row'])
  })

  it('reads attributes by local name, with either quote, a > inside a value and entities', () => {
    const scanner = new XmlScanner(`<sheet name='a > b &amp; c' r:id = "rId7" state="hidden"/>`)
    expect(scanner.next()).toBe(true)
    expect(scanner.attribute('name')).toBe('a > b & c')
    expect(scanner.attribute('id')).toBe('rId7')
    expect(scanner.attribute('state')).toBe('hidden')
    expect(scanner.attribute('sheetId')).toBeUndefined()
    expect(scanner.isSelfClosing).toBe(true)
  })

  it('reads text with entities and CDATA, stopping before the closing tag', () => {
    const scanner = new XmlScanner('<t>a &lt;b&gt; <![CDATA[<&amp;>]]> &#x4E2D;&#10;</t><v>1</v>')
    scanner.next()
    expect(scanner.text()).toBe('a <b> <&amp;> 中\n')
    expect(scanner.next() && scanner.isEnd && scanner.name).toBe('t')
  })

  it('stops on truncated XML instead of looping', () => {
    expect(tags('<row r="1"><c r="A1')).toEqual(['row'])
    const scanner = new XmlScanner('<t>never closed')
    scanner.next()
    expect(scanner.text()).toBe('never closed')
    expect(scanner.next()).toBe(false)
  })
})

describe('decodeXmlText', () => {
  it('decodes the five entities and numeric references, and leaves unknown ones', () => {
    expect(decodeXmlText('&amp;&lt;&gt;&quot;&apos;&#233;&#x1F600;&nbsp;&#x110000;')).toBe(
      '&<>"\'é😀&nbsp;&#x110000;',
    )
  })

  it('turns CRLF and CR line ends into LF as XML parsers do', () => {
    expect(decodeXmlText('a\r\nb\rc&#13;')).toBe('a\nb\nc\r')
  })
})
