import type { CategoryId } from '../../core/inventory/categories.js'
import type { FootprintInput } from '../../core/footprint/compute-footprint.js'
import type { ComputeBatch } from '../../app/ports.js'
import { OWNERSHIP_CODES } from './codes.js'

type Vector = { getItem(index: number): unknown }

/** Stands for NULL in the integer columns of the compute query (NaN does in the DOUBLE columns). */
export const NULL_INTEGER = -2147483648
type ModelEntry = { category: CategoryId; manufacturer: string | null; model: string | null }

/** One DuckDB data chunk of compute rows, read lazily vector by vector. */
export class DuckComputeBatch implements ComputeBatch {
  readonly length: number
  private readonly vectors: Vector[]

  constructor(
    chunk: { rowCount: number; columnCount: number; getColumnVector(index: number): Vector },
    private readonly models: readonly ModelEntry[],
    private readonly countries: readonly string[],
    private readonly organisationPaths: readonly string[],
    private readonly siteNames: readonly string[] = [],
  ) {
    this.length = chunk.rowCount
    this.vectors = Array.from({ length: chunk.columnCount }, (_, column) => chunk.getColumnVector(column))
  }

  private number(column: number, row: number): number {
    return this.vectors[column]!.getItem(row) as number
  }

  /** A nullable column: NULL_INTEGER or NaN (how the query sends NULL, see readComputeRows) reads as null. */
  private nullable(column: number, row: number): number | null {
    const value = this.vectors[column]!.getItem(row) as number
    return value === NULL_INTEGER || value !== value ? null : value
  }

  assetId(row: number): number {
    return this.number(0, row)
  }
  modelId(row: number): number {
    return this.number(1, row)
  }
  quantity(row: number): number {
    return this.number(2, row)
  }
  organisationId(row: number): number {
    return this.number(11, row)
  }
  organisation(row: number): string {
    return this.organisationPaths[this.number(11, row)]!
  }
  siteId(row: number): number | null {
    return this.nullable(12, row)
  }
  site(row: number): string | null {
    const id = this.nullable(12, row)
    return id === null ? null : (this.siteNames[id] ?? null)
  }
  domain(row: number): number {
    return this.number(13, row)
  }

  fill(row: number, input: FootprintInput): void {
    const model = this.models[this.number(1, row)]!
    const ownership = this.nullable(8, row)
    const pue = this.number(10, row)
    input.category = model.category
    input.manufacturer = model.manufacturer
    input.model = model.model
    input.quantity = this.number(2, row)
    input.purchaseDay = this.nullable(3, row)
    input.retirementDay = this.nullable(4, row)
    input.lifetimeYears = this.nullable(5, row)
    input.annualKwh = this.nullable(6, row)
    input.utilisationRate = this.nullable(7, row)
    input.ownership = ownership === null ? null : OWNERSHIP_CODES[ownership]!
    input.country = this.countries[this.number(9, row)]!
    input.datacenterPue = pue < 0 ? undefined : pue === 0 ? null : pue
    input.poweredHoursPerYear = this.nullable(14, row)
  }
}
