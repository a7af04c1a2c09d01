import { parseArgs } from 'node:util'
import { AppError } from '../app/errors.js'

export type ParsedOptions = {
  workspace: string | null
  json: boolean
  /** `user add`: role, display name, password read from standard input; `user token`: name and lifetime. */
  role: string | null
  displayName: string | null
  passwordStdin: boolean
  name: string | null
  expiresDays: number | null
  format: string | null
  organisation: string | null
  campaign: number | null
  category: string | null
  by: string | null
  help: boolean
  progress: boolean
  port: number | null
  host: string | null
  levers: string[]
  depth: number | null
  to: number | null
  /** `migrate --to`: the target as typed (a postgres:// URL or a folder). */
  toText: string | null
  target: number | null
  organisations: number | null
  workstations: number | null
  seed: number | null
  /** `import`: unit of NumEcoEval `dureeUsage*` (years, months, days). */
  usageDurationUnit: string | null
  /** `import`: unit of G4IT `chargeMoy` (percent, fraction). */
  loadUnit: string | null
  /** `quality`: list the flagged assets. */
  outliers: boolean
  /** `quality --outliers`: how many to list. */
  limit: number | null
  /** `watch`: seconds between two polls of the folder. */
  interval: number | null
  /** `watch`: process what is ready now and exit. */
  once: boolean
  /** `import`: the source the rows belong to (incremental re-import replaces rows of the same source). */
  source: string | null
  /** `import --organisation`: keep the organisation's earlier rows instead of replacing them. */
  append: boolean
  /** `import`: the import a corrected quarantine file corrects. */
  corrects: number | null
  /** `mapping set`: the rule's reference item, category (--category), defaults and note, as typed. */
  item: string | null
  lifetime: string | null
  kwh: string | null
  utilisation: string | null
  note: string | null
  /** `mapping import`: remove the rules the file does not list. */
  replace: boolean
  /** `mapping propose`: write the proposals as a rules file to review. */
  write: string | null
  /** `reconcile`: list the conflicting values between sources. */
  conflicts: boolean
  /** `scenario`/`action`: perimeter categories (`laptop+desktop`) and site names (`Lyon+Vienne`). */
  categories: string | null
  sites: string | null
  /** `action`: the whole perimeter as `organisation=…;categories=…;sites=…`. */
  perimeter: string | null
  /** `scenario save`: what the scenario is for. */
  description: string | null
  /** `action add|update`: who carries the action, from when (YYYY-MM-DD), and its status. */
  owner: string | null
  start: string | null
  status: string | null
  /** `tariff set`: the electricity price in €/kWh, as typed. */
  price: string | null
  /** `electricity set`: the site an override is for, and its factor in kgCO2e/kWh as typed. */
  site: string | null
  kgco2ePerKwh: string | null
  /** `footprint`: accounting view (annualised, purchase-year) and normalisation (person-equivalents). */
  view: string | null
  normalise: string | null
  /** `diff`: the campaign compared to (B; --campaign is A). */
  against: number | null
  /** `campaign`: expected sources, pinned referential, headcounts file, board filter/sort/export. */
  expect: string | null
  referential: string | null
  /** `referential import`: the version name of the imported files; `explain --vm|--application NAME`. */
  version: string | null
  vm: string | null
  application: string | null
  headcounts: string | null
  filter: string | null
  sort: string | null
  export: string | null
  /** `campaign review`: the decision and its comment. */
  validate: boolean
  sendBack: boolean
  comment: string | null
  /** `campaign remind`: SMTP server (smtp://host:port), sender, and listing without sending. */
  smtp: string | null
  from: string | null
  dryRun: boolean
  /** `conformance`: relative tolerance and the engine's "today" for G4IT 3.x sets. */
  tolerance: string | null
  referenceDate: string | null
  /** `project add|phase`: the project's phase; `project add`: its service description file. */
  phase: string | null
  service: string | null
  /** `rgesn answer PROJECT --file answers.csv`. */
  file: string | null
}

/** Parses the command line: the command, its positional arguments and the shared options. */
export function parseOptions(argv: string[]): {
  command: string | null
  positional: string[]
  options: ParsedOptions
} {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        workspace: { type: 'string', short: 'w' },
        json: { type: 'boolean' },
        role: { type: 'string' },
        'display-name': { type: 'string' },
        'password-stdin': { type: 'boolean' },
        name: { type: 'string' },
        'expires-days': { type: 'string' },
        format: { type: 'string' },
        organisation: { type: 'string' },
        campaign: { type: 'string' },
        category: { type: 'string' },
        by: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        progress: { type: 'boolean' },
        port: { type: 'string' },
        lever: { type: 'string', multiple: true },
        depth: { type: 'string' },
        to: { type: 'string' },
        target: { type: 'string' },
        host: { type: 'string' },
        organisations: { type: 'string' },
        workstations: { type: 'string' },
        seed: { type: 'string' },
        'usage-duration-unit': { type: 'string' },
        'load-unit': { type: 'string' },
        outliers: { type: 'boolean' },
        limit: { type: 'string' },
        interval: { type: 'string' },
        once: { type: 'boolean' },
        source: { type: 'string' },
        append: { type: 'boolean' },
        corrects: { type: 'string' },
        item: { type: 'string' },
        lifetime: { type: 'string' },
        kwh: { type: 'string' },
        utilisation: { type: 'string' },
        note: { type: 'string' },
        replace: { type: 'boolean' },
        write: { type: 'string' },
        conflicts: { type: 'boolean' },
        categories: { type: 'string' },
        sites: { type: 'string' },
        perimeter: { type: 'string' },
        description: { type: 'string' },
        owner: { type: 'string' },
        start: { type: 'string' },
        status: { type: 'string' },
        price: { type: 'string' },
        site: { type: 'string' },
        'kgco2e-per-kwh': { type: 'string' },
        view: { type: 'string' },
        normalise: { type: 'string' },
        against: { type: 'string' },
        expect: { type: 'string' },
        referential: { type: 'string' },
        version: { type: 'string' },
        vm: { type: 'string' },
        application: { type: 'string' },
        headcounts: { type: 'string' },
        filter: { type: 'string' },
        sort: { type: 'string' },
        export: { type: 'string' },
        validate: { type: 'boolean' },
        'send-back': { type: 'boolean' },
        comment: { type: 'string' },
        smtp: { type: 'string' },
        from: { type: 'string' },
        'dry-run': { type: 'boolean' },
        tolerance: { type: 'string' },
        'reference-date': { type: 'string' },
        phase: { type: 'string' },
        service: { type: 'string' },
        file: { type: 'string' },
      },
    })
  } catch (error) {
    throw new AppError('invalid_argument', error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  return {
    command: positionals[0] ?? null,
    positional: positionals.slice(1),
    options: {
      workspace: values.workspace ?? null,
      json: values.json ?? false,
      role: values.role ?? null,
      displayName: values['display-name'] ?? null,
      passwordStdin: values['password-stdin'] ?? false,
      name: values.name ?? null,
      expiresDays: integerOption('expires-days', values['expires-days']),
      format: values.format ?? null,
      organisation: values.organisation ?? null,
      campaign: integerOption('campaign', values.campaign),
      category: values.category ?? null,
      by: values.by ?? null,
      help: values.help ?? false,
      progress: values.progress ?? false,
      port: integerOption('port', values.port),
      levers: values.lever ?? [],
      depth: integerOption('depth', values.depth),
      to: positionals[0] === 'migrate' ? null : integerOption('to', values.to),
      toText: values.to ?? null,
      target: shareOption('target', values.target),
      host: values.host ?? null,
      organisations: integerOption('organisations', values.organisations),
      workstations: integerOption('workstations', values.workstations),
      seed: integerOption('seed', values.seed),
      usageDurationUnit: values['usage-duration-unit'] ?? null,
      loadUnit: values['load-unit'] ?? null,
      outliers: values.outliers ?? false,
      limit: integerOption('limit', values.limit),
      interval: integerOption('interval', values.interval),
      once: values.once ?? false,
      source: values.source ?? null,
      append: values.append ?? false,
      corrects: integerOption('corrects', values.corrects),
      item: values.item ?? null,
      lifetime: values.lifetime ?? null,
      kwh: values.kwh ?? null,
      utilisation: values.utilisation ?? null,
      note: values.note ?? null,
      replace: values.replace ?? false,
      write: values.write ?? null,
      conflicts: values.conflicts ?? false,
      categories: values.categories ?? null,
      sites: values.sites ?? null,
      perimeter: values.perimeter ?? null,
      description: values.description ?? null,
      owner: values.owner ?? null,
      start: values.start ?? null,
      status: values.status ?? null,
      price: values.price ?? null,
      site: values.site ?? null,
      kgco2ePerKwh: values['kgco2e-per-kwh'] ?? null,
      view: values.view ?? null,
      normalise: values.normalise ?? null,
      against: integerOption('against', values.against),
      expect: values.expect ?? null,
      referential: values.referential ?? null,
      version: values.version ?? null,
      vm: values.vm ?? null,
      application: values.application ?? null,
      headcounts: values.headcounts ?? null,
      filter: values.filter ?? null,
      sort: values.sort ?? null,
      export: values.export ?? null,
      validate: values.validate ?? false,
      sendBack: values['send-back'] ?? false,
      comment: values.comment ?? null,
      smtp: values.smtp ?? null,
      from: values.from ?? null,
      dryRun: values['dry-run'] ?? false,
      tolerance: values.tolerance ?? null,
      referenceDate: values['reference-date'] ?? null,
      phase: values.phase ?? null,
      service: values.service ?? null,
      file: values.file ?? null,
    },
  }
}

function shareOption(name: string, text: string | undefined): number | null {
  if (text === undefined) return null
  const value = Number(text.replace(',', '.').replace(/%$/, ''))
  const share = text.trim().endsWith('%') ? value / 100 : value
  if (!Number.isFinite(share) || share <= 0 || share >= 1) {
    throw new AppError(
      'invalid_argument',
      `--${name} takes a share between 0 and 1 (e.g. 0.3) or a percentage (30%), not "${text}".`,
    )
  }
  return share
}

function integerOption(name: string, text: string | undefined): number | null {
  if (text === undefined) return null
  if (!/^\d+$/.test(text))
    throw new AppError('invalid_argument', `--${name} takes a whole number, not "${text}".`)
  return Number(text)
}
