/**
 * How a batch of asset columns crosses the worker boundary. Structured cloning copies every string of every
 * row (a million organisation paths, sites, models…) and the receiving thread then hashes each fresh copy
 * again in its dictionary look-ups. The repetitive text columns travel instead as integer codes into a
 * per-file table of distinct texts, of which each batch carries only the new ones: the receiver rebuilds
 * plain `AssetColumns` whose cells share one string per distinct text (cheap to build, cheap to hash).
 */
import { transferablesOf, type AssetColumns } from '../core/inventory/asset-columns.js'

/** The text columns sent as codes; serials and host names are nearly unique and travel as they are. */
const CODED_FIELDS = ['organisation', 'site', 'datacenter', 'manufacturer', 'model', 'country'] as const
type CodedField = (typeof CODED_FIELDS)[number]

/** Distinct texts a column may hold per file before it falls back to plain strings (bounds the tables). */
const MAXIMUM_DISTINCT_TEXTS = 1 << 20
const NULL_CODE = -1

/** One text column in transit: codes with the texts first seen in this batch, or plain strings. */
export type PackedTexts = { codes: Int32Array; added: string[] } | { values: (string | null)[] }

/** Asset columns in transit: the coded text columns replaced by their packed form. */
export type PackedAssetColumns = Omit<AssetColumns, CodedField> & { packed: Record<CodedField, PackedTexts> }

/** Packs the batches of one file, remembering the texts already sent (one packer per receiver). */
export type AssetColumnsPacker = (columns: AssetColumns) => PackedAssetColumns
/** Unpacks what the matching packer sent, batch after batch in the same order. */
export type AssetColumnsUnpacker = (packed: PackedAssetColumns) => AssetColumns

/** Creates the sending side: a code table per coded column, kept for the whole file (up to `maximumDistinctTexts`). */
export function createAssetColumnsPacker(maximumDistinctTexts = MAXIMUM_DISTINCT_TEXTS): AssetColumnsPacker {
  const tables = CODED_FIELDS.map(() => new Map<string, number>())
  return (columns) => {
    const packed = {} as Record<CodedField, PackedTexts>
    CODED_FIELDS.forEach((field, index) => {
      packed[field] = packTexts(columns[field], columns.length, tables[index]!, maximumDistinctTexts)
    })
    const rest: Partial<AssetColumns> = { ...columns }
    for (const field of CODED_FIELDS) delete rest[field]
    return { ...(rest as Omit<AssetColumns, CodedField>), packed }
  }
}

function packTexts(
  values: readonly (string | null)[],
  length: number,
  table: Map<string, number>,
  maximumDistinctTexts: number,
): PackedTexts {
  if (table.size >= maximumDistinctTexts) return { values: values.slice(0, length) }
  const codes = new Int32Array(length)
  const added: string[] = []
  for (let index = 0; index < length; index++) {
    const text = values[index]
    if (text === null || text === undefined) {
      codes[index] = NULL_CODE
      continue
    }
    let code = table.get(text)
    if (code === undefined) {
      code = table.size
      table.set(text, code)
      added.push(text)
    }
    codes[index] = code
  }
  return { codes, added }
}

/** Creates the receiving side: the distinct texts received so far, per coded column. */
export function createAssetColumnsUnpacker(): AssetColumnsUnpacker {
  const tables = CODED_FIELDS.map((): string[] => [])
  return (packed) => {
    const { packed: texts, ...rest } = packed
    const columns = rest as AssetColumns
    CODED_FIELDS.forEach((field, index) => {
      const column = unpackTexts(texts[field], packed.length, tables[index]!)
      ;(columns as Record<CodedField, (string | null)[]>)[field] = column
    })
    return columns
  }
}

function unpackTexts(texts: PackedTexts, length: number, table: string[]): (string | null)[] {
  if ('values' in texts) return texts.values
  for (const text of texts.added) table.push(text)
  const values = new Array<string | null>(length)
  const codes = texts.codes
  for (let index = 0; index < length; index++) {
    const code = codes[index]!
    values[index] = code === NULL_CODE ? null : table[code]!
  }
  return values
}

/** The buffers to transfer (not copy) with a packed batch. */
export function transferablesOfPacked(packed: PackedAssetColumns): ArrayBuffer[] {
  const buffers = transferablesOf(packed as unknown as AssetColumns)
  for (const field of CODED_FIELDS) {
    const texts = packed.packed[field]
    if ('codes' in texts) buffers.push(texts.codes.buffer as ArrayBuffer)
  }
  return buffers
}
