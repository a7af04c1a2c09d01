import { AppError } from '../app/errors.js'
import type { Config } from '../config.js'
import { createProgressBar, type CliIo, type WorkspaceOpener } from './cli-io.js'
import { demoCommand } from './commands/demo.js'
import { explainCommand } from './commands/explain.js'
import { diffCommand } from './commands/diff.js'
import { footprintCommand } from './commands/footprint.js'
import { importCommand } from './commands/import.js'
import { importsCommand } from './commands/imports.js'
import { watchCommand } from './commands/watch.js'
import { qualityCommand } from './commands/quality.js'
import { usageCommand } from './commands/usage.js'
import { simulateCommand } from './commands/simulate.js'
import { trajectoryCommand } from './commands/trajectory.js'
import { scenarioCommand } from './commands/scenario.js'
import { actionCommand } from './commands/action.js'
import { tariffCommand } from './commands/tariff.js'
import { quarantineCommand } from './commands/quarantine.js'
import { mappingCommand } from './commands/mapping.js'
import { reconcileCommand } from './commands/reconcile.js'
import { auditCommand, userCommand } from './commands/user.js'
import { campaignCommand } from './commands/campaign.js'
import { electricityCommand } from './commands/electricity.js'
import { serviceCommand } from './commands/service.js'
import { projectCommand } from './commands/project.js'
import { rgesnCommand } from './commands/rgesn.js'
import { conformanceCommand } from './commands/conformance.js'
import { backupCommand } from './commands/backup.js'
import { referentialCommand } from './commands/referential.js'
import { migrateCommand } from './commands/migrate.js'
import { parseOptions } from './parse-options.js'
import { createHttpApp } from '../http/create-http-app.js'
import { serveHttp } from '../http/serve.js'

export const USAGE = `empreinte — measure the environmental footprint of an IT estate

Usage: empreinte COMMAND [options]   (every command takes --workspace DIR and --json)

  demo                     build a demo workspace resembling the reference case (500 bodies, ~100,000 seats)
  import FILE…             import inventories (CSV or XLSX) or usage telemetry, format detected from the header
                           [--format auto|generic|glpi|ocs|intune|sccm|snipeit|purchases|numecoeval-physical|
                                     numecoeval-datacenter|g4it-physical|numecoeval-virtual|g4it-virtual|
                                     numecoeval-application|g4it-application|numecoeval-non-it|
                                     numecoeval-messaging|numecoeval-entity|telemetry]
                           [--organisation CODE] (replaces that organisation's earlier rows from the same
                                                   source; --append keeps them) [--source NAME]
                           [--campaign YEAR] [--category ID] [--corrects IMPORT_ID] (corrected quarantine file)
                           [--usage-duration-unit years|months|days] (NumEcoEval dureeUsage*, recorded)
                           [--load-unit percent|fraction] (G4IT chargeMoy, recorded; docs/formats.md)
  imports                  import history: file, format, checksum, rows, time [--campaign YEAR]
  watch DIR                import every file dropped into DIR (then moved to DIR/imported/ or DIR/failed/
                           with a .log) [--interval SECONDS (10)] [--once] + the options of import; docs/watch.md
  quality                  data-quality report (per source, per organisation, quarantined rows)
  footprint                annual footprint [--campaign YEAR] [--organisation CODE]
                           [--by organisation,domain,category,phase,site,criterion,ghg-scope]
                           [--view annualised|purchase-year] [--normalise person-equivalents]
                           [--by application,application-domain,application-sub-domain]   VMs' applications, as
                           shares of their hosts (docs/methodology/numecoeval.md)
  explain ASSET            the trace behind an asset's figures (id, serial or host name)
  explain --vm NAME | --application NAME   host, allocation key and its source, shares, figures per phase
  explain --organisation CODE [--category ID] [--phase PHASE]   an organisation's figures, or one breakdown row:
                           inputs, factors (id, value, unit, source, version), defaults and how many assets each
  diff --campaign A --against B   change of the footprint from A to B, split into inventory and factor effects
                           [--by category,domain,phase,organisation,site] [--organisation CODE]
  electricity list|set|remove   grid factor overrides: set (--organisation CODE | --site NAME)
                           --kgco2e-per-kwh X [--source TEXT]; remove ID (docs/electricity.md)
  quarantine export DIR    quarantined rows back in their source format, to correct and re-import
  mapping list|set|remove|export|import|propose   mapping rules applied to every import (model text →
                           reference item, category, default values); propose ranks rules by units covered
  reconcile [--conflicts]  the same device in several sources (serial, then host name) as one asset
  campaign open YEAR --perimeter CODE --expect computers,monitors,phones,printers,servers,network,purchases,
                           telemetry [--referential ID] [--headcounts FILE]   collection campaign (docs/campaigns.md)
  campaign status [--campaign YEAR] [--filter missing|anomaly|to-chase|STATUS] [--sort code|quality|status|
                           received|units] [--export FILE.csv|.xlsx]   progress board of every organisation
  campaign review CODE --validate|--send-back [--comment TEXT]    recorded in the audit log
  campaign close | restate --referential ID [--note TEXT] | publish DIR
  campaign remind [--smtp smtp://host:port --from ADDRESS] [--dry-run]   the organisations to chase
  usage                    measured powered / active / idle hours per site (from imported telemetry)
  simulate --lever NAME:param=value,… [--lever …] [--organisation CODE] [--depth 2]
                           levers: lifetime-extension:years=2,categories=laptop+desktop+monitor
                                   power-off:policy=nights-weekends   fewer-screens:perSeat=1
                                   refurbished-share:share=0.3,categories=laptop
                                   device-substitution:from=desktop,to=laptop,share=0.5
                                   datacenter-pue:pue=1.4   server-consolidation:ratio=0.7
                                   printer-consolidation:share=0.5   cloud-region:country=SE
                                   (docs/methodology/levers.md)
  trajectory --lever … --to 2030 [--target 30%] [--organisation CODE]
                           year-by-year fleet renewal, baseline vs levers, cumulative tCO2e and €
  scenario save|list|show|compare|remove   named scenarios (levers + perimeter: --organisation, --categories,
                           --sites), compared side by side and ranked by tCO2e and € saved (docs/scenarios.md)
  action add|list|update|progress   action plans: lever, perimeter, --owner, --start YYYY-MM-DD, --status;
                           progress = expected vs measured gain, other reasons set apart (docs/action-plans.md)
  tariff list|set|remove   electricity tariff per organisation: set ORGANISATION --price 0.18 [--note SOURCE]
  service estimate FILE    footprint of a digital service's architecture options side by side (YAML or JSON,
                           docs/services.md): per user, per tier, deltas in tCO2e and €, the best and why
  project add NAME --owner WHO [--phase idea|design|build|run] [--service FILE]   an IT project
  project list | phase NAME PHASE | estimate NAME [FILE] | gate [NAME]   estimate snapshots per phase; the gate
                           view shows the latest per phase and its change in kgCO2e and % (docs/services.md)
  rgesn load FILE          RGESN criteria from the published JSON export (or CSV id;thematique;critere)
  rgesn answer PROJECT CRITERION yes|no|not-applicable|in-progress [--note TEXT] | --file answers.csv
  rgesn score PROJECT      met / applicable, per family, and its history
  conformance DIR          replay G4IT / NumEcoEval reference results (inputs, referential, expected indicators)
                           and compare every value [--tolerance 1e-6] [--reference-date YYYY-MM-DD]; exit 1 on
                           any mismatch (docs/conformance.md)
  referential import FILE…|DIR [--format g4it|numecoeval] [--name NAME] [--version V]   a NumEcoEval / G4IT
                           referential as NAME@V (all or nothing); list | export DIR [--version NAME@V] (default:
                           the built-in one) | use NAME@V [--campaign YEAR] | diff A B [--campaign YEAR]
                           (docs/referentials.md)
  serve                    HTTP API (+ dashboard when built) [--port 8080] [--host 127.0.0.1]; GET /api/docs
  migrate --to postgres://… [--workspace DIR] | --to DIR --from postgres://…   copy a workspace between DuckDB
                           and PostgreSQL (empty target), then compare the row counts of every table
  user add LOGIN --role administrator|analyst|contributor|viewer [--organisation CODE] [--password-stdin]
  user list | user disable LOGIN | user token LOGIN [--name NAME] [--expires-days 90]   (token shown once)
  backup FILE              a consistent copy of the whole workspace (DuckDB file / pg_dump), with its footprint
                           checksum in FILE.manifest.json; restore FILE puts it back and checks it (docs/backup.md)
  audit [--limit 50]       audit log: imports, rule changes, users, tokens, sign-ins (docs/access-control.md)

Options: --json (one JSON document), --progress (progress lines on stderr even when it is not a terminal)
Workspace: --workspace DIR, else $EMPREINTE_WORKSPACE, else ./empreinte-data
`

export type Exit = 0 | 1 | 2

/** Exit codes: 0 ok, 1 error in the work (bad file, not found…), 2 bad usage. */
const EXIT_BY_CODE: Partial<Record<AppError['code'], Exit>> = { invalid_argument: 2, unknown_format: 1 }

/**
 * Runs one command line and returns its exit code; every output goes through `io`.
 * @example await run(['footprint', '--by', 'domain', '--json'], io, config, openWorkspace)
 */
export async function run(
  argv: string[],
  io: CliIo,
  config: Config,
  openWorkspace: WorkspaceOpener,
): Promise<Exit> {
  let parsed
  try {
    parsed = parseOptions(argv)
  } catch (error) {
    io.stderr(`empreinte: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  const { command, positional, options } = parsed
  if (command === null || options.help || command === 'help') {
    io.stdout(USAGE)
    return command === null && !options.help ? 2 : 0
  }
  const known = [
    'backup',
    'restore',
    'user',
    'audit',
    'demo',
    'import',
    'quality',
    'footprint',
    'explain',
    'diff',
    'usage',
    'serve',
    'simulate',
    'trajectory',
    'scenario',
    'action',
    'tariff',
    'quarantine',
    'imports',
    'watch',
    'mapping',
    'reconcile',
    'campaign',
    'service',
    'project',
    'rgesn',
    'conformance',
    'referential',
    'electricity',
    'migrate',
  ]
  if (!known.includes(command)) {
    io.stderr(`empreinte: unknown command "${command}".\n\n${USAGE}`)
    return 2
  }
  // `migrate` opens its two workspaces itself (docs/postgresql.md).
  if (command === 'migrate') {
    try {
      const output = await migrateCommand(options, io, config, openWorkspace)
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return 0
    } catch (error) {
      return reportError(io, error)
    }
  }
  // `service estimate` reads only its file and the referential: it needs no workspace.
  const directory =
    command === 'service' || command === 'conformance' ? ':memory:' : (options.workspace ?? config.workspace)
  let workspace
  try {
    workspace = await openWorkspace(directory, {
      create:
        command === 'demo' ||
        command === 'import' ||
        command === 'serve' ||
        command === 'watch' ||
        command === 'restore' ||
        command === 'project' ||
        command === 'rgesn' ||
        (command === 'referential' && positional[0] === 'import'),
      progress: createProgressBar(io, options.progress),
    })
  } catch (error) {
    return reportError(io, error)
  }
  try {
    const deps = workspace.deps
    const defaultYear = new Date(io.now()).getUTCFullYear() - 1
    if (command === 'user' || command === 'audit') {
      const output =
        command === 'user' ? await userCommand(deps, options, positional, io) : await auditCommand(deps, options)
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return 0
    }
    if (command === 'conformance') {
      const output = await conformanceCommand(deps, options, positional)
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return output.isConformant ? 0 : 1
    }
    if (command === 'backup' || command === 'restore') {
      const output = await backupCommand(deps, command, positional, io.now())
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return 0
    }
    if (command === 'imports') {
      const history = await importsCommand(deps, options)
      io.stdout(options.json ? JSON.stringify(history.json, null, 2) + '\n' : history.text)
      return 0
    }
    if (command === 'project' || command === 'rgesn') {
      const output =
        command === 'project'
          ? await projectCommand(deps, options, positional, io.now())
          : await rgesnCommand(deps, options, positional, io.now())
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return 0
    }
    if (command === 'referential') {
      const output = await referentialCommand(deps, options, positional, io.now())
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return 0
    }
    if (command === 'campaign') {
      const output = await campaignCommand(deps, options, positional, io.now(), io.cwd)
      io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
      return 0
    }
    if (command === 'watch') {
      const summary = await watchCommand(deps, options, positional, io, defaultYear)
      return options.once && summary.failed > 0 ? 1 : 0
    }
    if (command === 'serve') {
      const app = createHttpApp(deps, {
        ...(io.staticDirectory ? { staticDirectory: io.staticDirectory } : {}),
        uploadDirectory: deps.files.join(workspace.directory, 'uploads'),
        now: io.now,
      })
      const server = await serveHttp(app, {
        port: options.port ?? 8080,
        hostname: options.host ?? '127.0.0.1',
      })
      io.stdout(
        `empreinte: serving ${workspace.directory} at ${server.url} (API: ${server.url}/api/docs); Ctrl+C stops\n`,
      )
      await io.untilStopped()
      await server.close()
      return 0
    }
    const output =
      command === 'demo'
        ? await demoCommand(
            deps,
            options,
            deps.files.join(workspace.directory, 'demo-files'),
            config.demoPassword,
            io.now(),
          )
        : command === 'import'
          ? await importCommand(deps, options, positional, defaultYear)
          : command === 'quality'
            ? await qualityCommand(deps, options)
            : command === 'footprint'
              ? await footprintCommand(deps, options)
            : command === 'diff'
              ? await diffCommand(deps, options)
              : command === 'usage'
                ? await usageCommand(deps, options)
                : command === 'simulate'
                  ? await simulateCommand(deps, options)
                  : command === 'trajectory'
                    ? await trajectoryCommand(deps, options)
                  : command === 'scenario'
                    ? await scenarioCommand(deps, options, positional)
                  : command === 'action'
                    ? await actionCommand(deps, options, positional)
                  : command === 'tariff'
                    ? await tariffCommand(deps, options, positional)
                    : command === 'quarantine'
                      ? await quarantineCommand(deps, options, positional)
                      : command === 'mapping'
                        ? await mappingCommand(deps, options, positional)
                        : command === 'electricity'
                          ? await electricityCommand(deps, options, positional)
                        : command === 'reconcile'
                          ? await reconcileCommand(deps, options)
                          : command === 'service'
                            ? await serviceCommand(deps, options, positional)
                          : await explainCommand(deps, options, positional)
    io.stdout(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text)
    return 0
  } catch (error) {
    return reportError(io, error)
  } finally {
    await workspace.close()
  }
}

function reportError(io: CliIo, error: unknown): Exit {
  if (error instanceof AppError) {
    io.stderr(`empreinte: ${error.message}\n`)
    return EXIT_BY_CODE[error.code] ?? 1
  }
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    io.stderr(`empreinte: ${error.message}\n`)
    return 1
  }
  io.stderr(
    `empreinte: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  return 1
}
