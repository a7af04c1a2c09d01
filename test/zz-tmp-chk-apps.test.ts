import { it } from 'vitest'
import { runCli } from '/work/main/test/support/run-cli.js'
it('x', async () => {
  const F = '/work/main/fixtures/formats/numecoeval/'
  console.log((await runCli(['import', F+'equipements-physiques.csv', '--campaign', '2025', '--usage-duration-unit', 'months', '--workspace', '/tmp/tmp.qVBwRNjw7o'])).code)
  const r = await runCli(['import', F+'equipements-virtuels.csv', F+'applications-cp1252.csv', '--campaign', '2025', '--workspace', '/tmp/tmp.qVBwRNjw7o', '--json'])
  console.log(JSON.stringify(JSON.parse(r.stdout).imports[1].findings), JSON.parse(r.stdout).imports[1].rowsAccepted)
  const q = await runCli(['footprint', '--by', 'application', '--campaign', '2025', '--workspace', '/tmp/tmp.qVBwRNjw7o'])
  console.log(q.stdout, q.stderr)
}, 60000)
