/** Renders a self-contained HTML page (no script, no external resource) listing the operations of `document`. */
export function renderDocsPage(document: Record<string, unknown>): string {
  const info = (document['info'] ?? {}) as { title?: string; version?: string; description?: string }
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, DocumentedOperation>>
  const sections: string[] = []
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = [
        ...(operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          where: parameter.in,
          required: parameter.required === true,
          type: typeName(parameter.schema),
          description: parameter.description ?? '',
        })),
        ...formFields(operation),
      ]
      const rows = parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escape(parameter.name)}</code>${parameter.required ? ' *' : ''}</td><td>${escape(parameter.where)}</td>` +
            `<td>${escape(parameter.type)}</td><td>${escape(parameter.description)}</td></tr>`,
        )
        .join('')
      const statuses = Object.keys(operation.responses ?? {}).join(', ')
      sections.push(
        `<section id="${escape(operation.operationId ?? '')}"><h2><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h2>` +
          `<p>${escape(operation.summary ?? '')}</p><p class="meta">operation <code>${escape(operation.operationId ?? '')}</code> · answers ${escape(statuses)}</p>` +
          (rows
            ? `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`
            : '') +
          '</section>',
      )
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title ?? 'API')} — operations</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.4}
code{font-family:ui-monospace,monospace;font-size:.95em}
section{border-top:1px solid #ddd;padding:.5rem 0}
h2{font-size:1.1rem;margin:.6rem 0}
.method{display:inline-block;min-width:3.5rem;padding:.1rem .4rem;border-radius:.25rem;color:#fff;font-size:.8rem;text-align:center}
.get{background:#2f6f4f}.post{background:#8a4b08}
.meta{color:#555;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
</style></head>
<body><h1>${escape(info.title ?? 'API')} <small>${escape(info.version ?? '')}</small></h1>
<p>${escape(info.description ?? '')}</p>
<p>Machine-readable description: <a href="openapi.json">openapi.json</a> (OpenAPI ${escape(String(document['openapi'] ?? ''))}). Errors answer <code>{ "error": { "code", "message", "issues"? } }</code>.</p>
${sections.join('\n')}
</body></html>
`
}

type DocumentedOperation = {
  operationId?: string
  summary?: string
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[]
  requestBody?: {
    content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }>
  }
  responses?: Record<string, unknown>
}

function formFields(operation: DocumentedOperation) {
  const fields: { name: string; where: string; required: boolean; type: string; description: string }[] = []
  for (const [mediaType, content] of Object.entries(operation.requestBody?.content ?? {})) {
    for (const [name, schema] of Object.entries(content.schema?.properties ?? {})) {
      fields.push({
        name,
        where: mediaType,
        required: (content.schema?.required ?? []).includes(name),
        type: typeName(schema),
        description: String((schema as { description?: unknown }).description ?? ''),
      })
    }
  }
  return fields
}

function typeName(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return ''
  const record = schema as Record<string, unknown>
  if (Array.isArray(record['enum'])) return (record['enum'] as unknown[]).join(' | ')
  if (record['type'] === 'array') return `${typeName(record['items'])}[]`
  if (typeof record['contentMediaType'] === 'string') return 'file'
  return typeof record['type'] === 'string' ? record['type'] : ''
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}
