/**
 * Use cases behind `empreinte mapping …`: list, set, remove, export and import mapping rules, and propose rules
 * for the models of a campaign that no rule or exact key resolves (core/harmonise).
 */
import {
  MAPPING_RULE_COLUMNS,
  parseRule,
  ruleToCells,
  type MappingRule,
  type NewMappingRule,
  type RuleProblem,
} from '../core/harmonise/mapping-rules.js'
import {
  createModelMatcher,
  DEFAULT_MATCH_THRESHOLD,
  matcherCandidatesOf,
} from '../core/harmonise/model-matcher.js'
import { proposeMappingRules, type ProposedMappingRule } from '../core/harmonise/propose-mapping-rules.js'
import { resolveCampaign } from './campaigns.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { reconcileIfNeeded } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import { recordAudit, requirePermission, requireWholeTree } from './access.js'
import type { Campaign, Deps } from './ports.js'

type RuleCells = Partial<Record<(typeof MAPPING_RULE_COLUMNS)[number], string>>

const MAX_PROBLEMS_SHOWN = 20

function problemsError(source: string, problems: readonly RuleProblem[]): AppError {
  const lines = problems
    .slice(0, MAX_PROBLEMS_SHOWN)
    .map((problem) =>
      problem.line > 0
        ? `${source}, line ${problem.line}, column "${problem.column}": ${problem.message}`
        : `${source}, ${problem.column}: ${problem.message}`,
    )
  const more =
    problems.length > MAX_PROBLEMS_SHOWN ? `\n… and ${problems.length - MAX_PROBLEMS_SHOWN} more` : ''
  return new AppError('invalid_argument', `No rule saved:\n${lines.join('\n')}${more}`, {
    problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
  })
}

async function itemChecker(deps: Deps): Promise<(itemId: string) => boolean> {
  const referential = await deps.referential.load()
  return (itemId) => referential.items.has(itemId)
}

/** Every rule of the workspace. */
export async function listRules(deps: Deps): Promise<MappingRule[]> {
  return deps.store.listMappingRules()
}

/** Adds a rule, or updates the rule with the same pattern. */
export async function setRule(
  deps: Deps,
  cells: RuleCells,
): Promise<{ rule: NewMappingRule; isNew: boolean }> {
  requireRuleManager(deps)
  const { rule, problems } = parseRule(cells, 0, await itemChecker(deps))
  if (rule === null) throw problemsError('mapping set', problems)
  const counts = await deps.store.saveMappingRules([rule], { replaceAll: false })
  await recordAudit(deps, {
    action: counts.added === 1 ? 'mapping-rule.add' : 'mapping-rule.update',
    target: rule.pattern,
    organisation: null,
    details: { ...rule },
  })
  return { rule, isNew: counts.added === 1 }
}

/** Removes a rule by pattern or id. */
export async function removeRule(deps: Deps, patternOrId: string): Promise<void> {
  requireRuleManager(deps)
  if (!(await deps.store.removeMappingRule(patternOrId))) {
    throw new AppError('not_found', `No mapping rule "${patternOrId}" (see empreinte mapping list).`)
  }
  await recordAudit(deps, { action: 'mapping-rule.remove', target: patternOrId, organisation: null, details: {} })
}

/** Mapping rules apply to every import of the workspace: a rule manager of the whole tree changes them. */
function requireRuleManager(deps: Deps): void {
  requirePermission(deps, 'manage-rules')
  requireWholeTree(deps, 'Changing mapping rules')
}

/** Writes the rules as a `;`-separated UTF-8 file that `importRules` reads back. */
export async function exportRules(deps: Deps, path: string): Promise<{ file: string; rules: number }> {
  const rules = await deps.store.listMappingRules()
  await deps.files.writeTable(path, {
    header: [...MAPPING_RULE_COLUMNS],
    rows: rules.map(ruleToCells),
    delimiter: ';',
    encoding: 'utf-8',
  })
  return { file: path, rules: rules.length }
}

/**
 * Reads a rules file (columns by name: MAPPING_RULE_COLUMNS) and saves every rule, or none when one row is
 * wrong (the error names each line and column). `replaceAll` removes the rules the file does not list.
 */
export async function importRules(
  deps: Deps,
  input: { path: string; replaceAll: boolean },
): Promise<{ file: string; added: number; updated: number; removed: number }> {
  const name = deps.files.baseName(input.path)
  const table = await deps.files.readTable(input.path, {
    isHeader: (cells) => cells.some((cell) => cell.trim().toLowerCase() === 'pattern'),
  })
  const header = table.header.map((cell) => cell.trim().toLowerCase())
  if (!header.includes('pattern')) {
    throw new AppError(
      'missing_columns',
      `${name}: a rules file needs a "pattern" column (columns: ${MAPPING_RULE_COLUMNS.join(';')}).`,
      { file: input.path },
    )
  }
  const isKnownItem = await itemChecker(deps)
  const rules: NewMappingRule[] = []
  const problems: RuleProblem[] = []
  const seen = new Map<string, number>()
  for await (const batch of table.batches) {
    for (const row of batch) {
      if (row.values.every((cell) => cell.trim() === '')) continue
      const cells: RuleCells = {}
      header.forEach((column, index) => {
        if ((MAPPING_RULE_COLUMNS as readonly string[]).includes(column)) {
          cells[column as keyof RuleCells] = row.values[index] ?? ''
        }
      })
      const parsed = parseRule(cells, row.line, isKnownItem)
      problems.push(...parsed.problems)
      if (parsed.rule === null) continue
      const previous = seen.get(parsed.rule.pattern)
      if (previous !== undefined) {
        problems.push({
          line: row.line,
          column: 'pattern',
          message: `pattern "${parsed.rule.pattern}" is already given on line ${previous}`,
        })
        continue
      }
      seen.set(parsed.rule.pattern, row.line)
      rules.push(parsed.rule)
    }
  }
  if (problems.length > 0) throw problemsError(name, problems)
  requireRuleManager(deps)
  const counts = await deps.store.saveMappingRules(rules, { replaceAll: input.replaceAll })
  await recordAudit(deps, {
    action: 'mapping-rule.import',
    target: name,
    organisation: null,
    details: { ...counts, replaceAll: input.replaceAll },
  })
  return { file: input.path, ...counts }
}

export type RuleProposals = {
  campaign: number
  /** Assets (units) of the campaign, and those whose model no rule or exact key resolves. */
  assets: number
  unresolvedAssets: number
  /** Share of the unresolved assets the listed proposals cover. */
  listedShare: number
  proposals: (ProposedMappingRule & { currentMethod: string; currentItem: string })[]
}

/**
 * Proposed rules for the models no rule or exact key resolves (fuzzy matches included, for review), ranked by
 * the assets they cover, each with the matcher's suggestion.
 */
export async function proposeRules(
  deps: Deps,
  input: { campaignYear: number | null; limit: number },
): Promise<RuleProposals> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  return proposeForCampaign(deps, campaign, input.limit)
}

/** `proposeRules` for a campaign already resolved (the import report lists the first proposals). */
export async function proposeForCampaign(
  deps: Deps,
  campaign: Campaign,
  limit: number,
): Promise<RuleProposals> {
  await reconcileIfNeeded(deps, campaign)
  const { resolutions } = await loadCampaignReferential(deps, campaign)
  const models = await deps.store.campaignModels(campaign.id)
  const base = await deps.referential.load()
  const matcher = createModelMatcher(matcherCandidatesOf(base))
  let assets = 0
  const unresolved = models.filter((model) => {
    assets += model.quantity
    const method = resolutions.get(model.id)?.method
    return method === 'fuzzy' || method === 'category-default'
  })
  const proposals = proposeMappingRules(
    unresolved.map((model) => ({
      manufacturer: model.manufacturer,
      model: model.model,
      category: model.category,
      assets: model.quantity,
    })),
    matcher,
    { top: limit, minimumConfidence: DEFAULT_MATCH_THRESHOLD / 2 },
  )
  const byKey = new Map(
    unresolved.map((model) => [resolutions.get(model.id)!.key, resolutions.get(model.id)!]),
  )
  const listed = proposals.rules.slice(0, limit)
  const listedAssets = listed.reduce((sum, rule) => sum + rule.assets, 0)
  return {
    campaign: campaign.year,
    assets,
    unresolvedAssets: proposals.totalAssets,
    listedShare: proposals.totalAssets === 0 ? 0 : listedAssets / proposals.totalAssets,
    proposals: listed.map((rule) => ({
      ...rule,
      currentMethod: byKey.get(rule.pattern)?.method ?? 'category-default',
      currentItem: byKey.get(rule.pattern)?.itemId ?? '',
    })),
  }
}

/** Writes proposals as a rules file to review and import back (reference item pre-filled with the suggestion). */
export async function writeProposals(deps: Deps, proposals: RuleProposals, path: string): Promise<void> {
  await deps.files.writeTable(path, {
    header: [...MAPPING_RULE_COLUMNS],
    rows: proposals.proposals.map((proposal) =>
      ruleToCells({
        pattern: proposal.pattern,
        referenceItem: proposal.suggestion?.itemId ?? proposal.currentItem,
        category: proposal.category,
        lifetimeYears: null,
        annualKwh: null,
        utilisationRate: null,
        note:
          `proposed: ${proposal.assets} unit(s)` +
          (proposal.suggestion
            ? `, suggestion confidence ${proposal.suggestion.confidence.toFixed(2)}`
            : ', no suggestion: category default'),
      }),
    ),
    delimiter: ';',
    encoding: 'utf-8',
  })
}
