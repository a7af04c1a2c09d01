import {
  DuckDBDataChunk,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api'

const CHUNK_ROWS = 2048

/**
 * Buffers rows column by column and hands them to a DuckDB appender one data chunk at a time
 * (far faster than value-by-value appends). Yields to the event loop between chunks so that
 * concurrent queries are not starved (engines.md: DuckDB pitfall).
 */
export class ColumnAppender {
  private readonly columns: unknown[][]
  private rows = 0
  private chunksSinceYield = 0

  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly types: readonly DuckDBType[],
  ) {
    this.columns = types.map(() => new Array<unknown>(CHUNK_ROWS))
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
    const chunk = DuckDBDataChunk.create(this.types as DuckDBType[], count)
    const columns = count === CHUNK_ROWS ? this.columns : this.columns.map((column) => column.slice(0, count))
    // The data-chunk API takes DuckDBValue[][]; our rows hold plain numbers, strings and nulls.
    chunk.setColumns(columns as Parameters<DuckDBDataChunk['setColumns']>[0])
    this.appender.appendDataChunk(chunk)
    this.rows = 0
    this.chunksSinceYield++
  }

  /** Flushes what is buffered and closes the appender (rows become part of the open transaction). */
  close(): void {
    this.flushChunk()
    this.appender.closeSync()
  }
}
