import type { Random } from './create-random.js'
import {
  CARSAT_REGIONS,
  CGSS_REGIONS,
  COMPUTING_CENTRE_TOWNS,
  DEPARTMENTS,
  DRSM_REGIONS,
  UGECAM_REGIONS,
  type Region,
} from './french-places.js'

/** A local body of the demo tree: name, département code (for host names), sites, relative size. */
export type DemoBody = { name: string; code: string; sites: string[]; sizeWeight: number }

export const ROOT_ORGANISATION = 'CNAM'

/** Relative size of the funds of the most populous départements (others count 1). */
const DEPARTMENT_SIZE: Readonly<Record<string, number>> = {
  '75': 4,
  '59': 3.5,
  '13': 3,
  '69': 3,
  '92': 2.5,
  '93': 2.5,
  '33': 2,
  '31': 2,
  '77': 2,
  '78': 2,
  '94': 2,
  '62': 2,
  '44': 1.8,
  '91': 1.8,
  '95': 1.8,
  '06': 1.8,
  '34': 1.6,
  '67': 1.6,
  '38': 1.6,
  '57': 1.5,
  '48': 0.3,
  '23': 0.3,
  '90': 0.4,
  '05': 0.4,
  '04': 0.4,
  '15': 0.4,
}

type Template = { name: string; code: string; town: string; kindWeight: number; maximumSites: number }

const OVERSEAS = new Set(['971', '972', '973', '974', '976'])

function templates(): { headline: Template[]; others: Template[]; funds: Template[] } {
  const funds = DEPARTMENTS.filter((department) => !OVERSEAS.has(department.code)).map((department) => ({
    name: `CPAM ${department.name}`,
    code: department.code,
    town: department.town,
    kindWeight: DEPARTMENT_SIZE[department.code] ?? 1,
    maximumSites: 4,
  }))
  const regional = (prefix: string, regions: readonly Region[], kindWeight: number): Template[] =>
    regions.map((region) => ({
      name: `${prefix} ${region.name}`,
      code: region.code,
      town: region.town,
      kindWeight,
      maximumSites: 4,
    }))
  const all = [
    ...funds,
    ...regional('CARSAT', CARSAT_REGIONS, 2.5),
    ...regional('CGSS', CGSS_REGIONS, 1.5),
    ...regional('UGECAM', UGECAM_REGIONS, 1.2),
    ...regional('DRSM', DRSM_REGIONS, 0.6),
    { name: 'CSS Mayotte', code: '976', town: 'Mamoudzou', kindWeight: 0.5, maximumSites: 2 },
    ...regional('CTI', COMPUTING_CENTRE_TOWNS, 0.8),
  ]
  // A small tree (e.g. 5 bodies) still shows every kind of body.
  const headlineNames = [
    'CPAM Paris',
    'CPAM Rhône',
    'CARSAT Bretagne',
    'CGSS Martinique',
    'UGECAM Île-de-France',
    'DRSM Occitanie',
    'CPAM Nord',
    'CTI Rennes',
  ]
  const headline = headlineNames.map((name) => all.find((template) => template.name === name) as Template)
  const others = all.filter((template) => !headlineNames.includes(template.name))
  return { headline, others, funds }
}

/**
 * Builds exactly `count` local bodies: named funds first (CPAM per metropolitan département, CARSAT,
 * CGSS, UGECAM, DRSM, CTI), then numbered branches of the larger CPAM (`CPAM Nord - antenne 3`).
 */
export function buildDemoOrganisations(random: Random, count: number): DemoBody[] {
  const { headline, others, funds } = templates()
  const chosen: Template[] = [...headline, ...others].slice(0, count)
  const branchCounts = new Map<string, number>()
  const fundWeights = funds.map((fund) => fund.kindWeight)
  while (chosen.length < count) {
    const fund = funds[random.weightedIndex(fundWeights)]
    const number = (branchCounts.get(fund.name) ?? 0) + 1
    branchCounts.set(fund.name, number)
    chosen.push({ ...fund, name: `${fund.name} - antenne ${number}`, kindWeight: 0.3, maximumSites: 2 })
  }
  return chosen.map((template) => {
    const siteCount = random.integer(1, template.maximumSites)
    const firstSite = template.name.includes(' - antenne ') ? random.integer(2, 9) : 1
    const sites: string[] = []
    for (let index = 0; index < siteCount; index++) sites.push(`Site ${template.town} ${firstSite + index}`)
    // Cubed uniform: most bodies are small, a few are several times the median.
    const draw = random.next()
    return {
      name: template.name,
      code: template.code,
      sites,
      sizeWeight: template.kindWeight * (0.2 + 3.3 * draw * draw * draw),
    }
  })
}

/** Splits `total` seats across bodies in proportion to their size (largest remainder, exact total). */
export function allocateSeats(bodies: readonly DemoBody[], total: number): number[] {
  let weightSum = 0
  for (const body of bodies) weightSum += body.sizeWeight
  const shares = bodies.map((body) => (total * body.sizeWeight) / weightSum)
  const seats = shares.map((share) => Math.floor(share))
  let missing = total - seats.reduce((sum, value) => sum + value, 0)
  const order = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((left, right) => right.remainder - left.remainder || left.index - right.index)
  for (let position = 0; missing > 0; position = (position + 1) % order.length, missing--) {
    seats[order[position].index]++
  }
  return seats
}
