import { DOUBLE, DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ColumnAppender } from './column-appender.js'

// 2,048 rows make one data chunk: 5,000 rows are two full chunks (reused) and a partial one of 904.
const ROWS = 5000
const CHUNK = 2048

/** Row `index`: each column is null over a different stretch, to cross the chunk boundaries both ways. */
function rowAt(index: number): [number, number | null, number | null, string | null, string | null] {
  const chunk = Math.floor(index / CHUNK)
  return [
    index,
    chunk === 2 ? index * 10 : null, // null in both full chunks, values in the partial one
    chunk === 1 ? index / 4 : null, // null, then values, then null again
    chunk === 0 ? `serial ${index}` : null, // values, then null in the next full chunk and the partial one
    index % 3 === 0 ? null : `host ${index % 7}`, // mixed within every chunk
  ]
}

describe('ColumnAppender', () => {
  let instance: DuckDBInstance
  let connection: DuckDBConnection

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:')
    connection = await instance.connect()
    await connection.run(
      'CREATE TABLE sample (id INTEGER NOT NULL, amount INTEGER, rate DOUBLE, serial VARCHAR, host VARCHAR)',
    )
  })

  afterEach(() => {
    connection.closeSync()
    instance.closeSync()
  })

  it('appends full chunks through one reused data chunk without losing a value or a null', async () => {
    const appender = await ColumnAppender.open(connection, 'sample', [
      INTEGER,
      INTEGER,
      DOUBLE,
      VARCHAR,
      VARCHAR,
    ])
    for (let index = 0; index < ROWS; index++) {
      const row = rowAt(index)
      for (let column = 0; column < row.length; column++) appender.set(column, row[column])
      appender.endRow()
    }
    appender.close()
    const reader = await connection.runAndReadAll(
      'SELECT id, amount, rate, serial, host FROM sample ORDER BY id',
    )
    const stored = reader.getRowsJS()
    expect(stored.length).toBe(ROWS)
    expect(stored).toEqual(Array.from({ length: ROWS }, (_, index) => rowAt(index)))
    const counts = await connection.runAndReadAll(
      'SELECT count(amount), count(rate), count(serial), count(host) FROM sample',
    )
    // amount: rows 4,096–4,999 (904); rate: 2,048–4,095 (2,048); serial: 0–2,047; host: 5,000 − 1,667 multiples of 3.
    expect(counts.getRowsJS()).toEqual([[904n, 2048n, 2048n, 3333n]])
  })
})
