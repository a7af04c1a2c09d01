import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toServiceDescription } from '../app/service-schema.js'
import { parseStructuredText, readStructuredFile } from './read-structured-file.js'

const described = (file: string, text: string) => {
  const document = parseStructuredText(file, text)
  return toServiceDescription(document.value, document)
}

describe('readStructuredFile', () => {
  it('reads the documented example and merges each option over the shared fields', async () => {
    const document = await readStructuredFile('docs/examples/service-portal.yaml')
    const description = toServiceDescription(document.value, document)
    expect(description.options.map((option) => option.name)).toEqual([
      'on-premises',
      'cloud-paris',
      'cloud-frankfurt',
      'on-premises-short-retention',
    ])
    expect(description.options[1]?.hosting).toEqual({ kind: 'cloud', region: 'aws/eu-west-3' })
    expect(description.options[3]?.storage?.retentionYears).toBe(1)
    expect(description.options[0]?.storage?.retentionYears).toBe(5)
    expect(description.options[0]?.users.terminals[0]).toEqual({
      type: 'laptop',
      share: 0.8,
      deviceHoursPerYear: null,
    })
  })

  it('names file, line and column of a YAML syntax error', () => {
    expect(() => parseStructuredText('bad.yaml', 'service: x\nusers: [1, 2\n')).toThrow(
      /^Cannot read bad\.yaml:\n {2}bad\.yaml:3:1: /,
    )
  })

  it('maps a validation problem to the line and column of the value, inside an option or shared', () => {
    const text = [
      'service: Portal', //                         line 1
      'users:', //                                  line 2
      '  count: -5', //                             line 3, column 10
      '  hoursPerYear: 10',
      '  terminals: [{ type: laptop }]',
      'options:', //                                line 6
      '  - name: a', //                             line 7
      '    hosting: { kind: cloud, region: mars }', // line 8, value at column 37
      '  - name: b',
    ].join('\n')
    let message = ''
    try {
      described('svc.yaml', text)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('svc.yaml:3:10: users.count: Too small: expected number to be >0 (option "a")')
    expect(message).toContain('svc.yaml:8:37: options.0.hosting.region: Invalid option')
  })

  it('points a missing required field at the option that lacks it', () => {
    const text = 'service: Portal\noptions:\n  - name: a\n  - name: b\n'
    expect(() => described('svc.yaml', text)).toThrow('svc.yaml:3:5: options.0.users:')
  })

  it('reads JSON too', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'empreinte-service-'))
    const path = join(folder, 'service.json')
    await writeFile(
      path,
      JSON.stringify({
        service: 'S',
        users: { count: 10, hoursPerYear: 5, terminals: [{ type: 'tablet' }] },
      }),
    )
    const document = await readStructuredFile(path)
    expect(toServiceDescription(document.value, document).options[0]?.name).toBe('S')
  })
})
