import {
  DuckDBDataChunk,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api'

const CHUNK_ROWS = 2048

type ChunkColumns = Parameters<DuckDBDataChunk['setColumns']>[0]

function nullsIn(values: readonly unknown[]): number {
  let nulls = 0
  for (let index = 0; index < values.length; index++) if (values[index] === null) nulls++
  return nulls
}

/**
 * Buffers rows column by column and hands them to a DuckDB appender one data chunk at a time
 * (far faster than value-by-value appends). Yields to the event loop between chunks so that
 * concurrent queries are not starved (engines.md: DuckDB pitfall).
 *
 * Full chunks reuse one DuckDB data chunk, and a column that holds only nulls in this chunk and the
 * previous one is not written again: its vector still says "all null". The client library marks nulls
 * with BigInt arithmetic per cell, which made mostly empty columns (lifetime, energy, ownership…) the
 * dearest part of an import. That arithmetic runs for every cell of a vector once it has held a null, so a
 * chunk whose column has no null where the reused vector had some starts from a fresh data chunk.
 */
export class ColumnAppender {
  private readonly columns: unknown[][]
  private rows = 0
  private chunksSinceYield = 0
  /** The data chunk reused for every full chunk (created on the first one). */
  private fullChunk: DuckDBDataChunk | null = null
  /** Columns whose vector in `fullChunk` holds nulls only. */
  private readonly isAllNull: boolean[]
  /** Columns whose vector in `fullChunk` has held a null (its null mask then costs BigInt work per cell). */
  private readonly hasNullMask: boolean[]

  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly types: readonly DuckDBType[],
  ) {
    this.columns = types.map(() => new Array<unknown>(CHUNK_ROWS))
    this.isAllNull = types.map(() => false)
    this.hasNullMask = types.map(() => false)
  }

  /** Opens an appender on `table`; `types` must list the table's columns in order. */
  static async open(
    connection: DuckDBConnection,
    table: string,
    types: readonly DuckDBType[],
  ): Promise<ColumnAppender> {
    return new ColumnAppender(await connection.createAppender(table), types)
  }

  /** Adds one row (values in column order); hands a chunk to DuckDB when full. */
  push(values: readonly unknown[]): void {
    const row = this.rows
    for (let column = 0; column < values.length; column++) this.columns[column]![row] = values[column]
    this.rows++
    if (this.rows === CHUNK_ROWS) this.flushChunk()
  }

  /** Sets one cell of the row being built; call `endRow` after the last column. */
  set(column: number, value: unknown): void {
    this.columns[column]![this.rows] = value
  }

  /** Ends the row built with `set`; hands a chunk to DuckDB when full. */
  endRow(): void {
    this.rows++
    if (this.rows === CHUNK_ROWS) this.flushChunk()
  }

  /** Lets the event loop run if several chunks were appended since the last pause. */
  async pause(): Promise<void> {
    if (this.chunksSinceYield >= 4) {
      this.chunksSinceYield = 0
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private flushChunk(): void {
    if (this.rows === 0) return
    const count = this.rows
    if (count === CHUNK_ROWS) this.appendFullChunk()
    else {
      const chunk = DuckDBDataChunk.create(this.types as DuckDBType[], count)
      // The data-chunk API takes DuckDBValue[][]; our rows hold plain numbers, strings and nulls.
      chunk.setColumns(this.columns.map((column) => column.slice(0, count)) as ChunkColumns)
      this.appender.appendDataChunk(chunk)
    }
    this.rows = 0
    this.chunksSinceYield++
  }

  private appendFullChunk(): void {
    const nulls = this.columns.map(nullsIn)
    if (nulls.some((count, column) => count === 0 && this.hasNullMask[column])) this.fullChunk = null
    if (!this.fullChunk) {
      this.fullChunk = DuckDBDataChunk.create(this.types as DuckDBType[], CHUNK_ROWS)
      this.isAllNull.fill(false)
      this.hasNullMask.fill(false)
    }
    const chunk = this.fullChunk
    for (let column = 0; column < this.columns.length; column++) {
      const isAllNull = nulls[column] === CHUNK_ROWS
      if (isAllNull && this.isAllNull[column]) continue
      chunk.setColumnValues(column, this.columns[column] as ChunkColumns[number])
      this.isAllNull[column] = isAllNull
      if (nulls[column]! > 0) this.hasNullMask[column] = true
    }
    this.appender.appendDataChunk(chunk)
  }

  /** Flushes what is buffered and closes the appender (rows become part of the open transaction). */
  close(): void {
    this.flushChunk()
    this.appender.closeSync()
  }
}
