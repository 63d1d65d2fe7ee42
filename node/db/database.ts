/**
 * The node's level database: the only module that opens `level`. Hands out the sublevels named in
 * keys.ts and writes batches atomically across them.
 */
import { Level } from 'level'
import { SUBLEVELS, type SublevelName } from './keys.ts'
import { StorageError } from '../errors.ts'

type Bytes = Uint8Array
type RootLevel = Level<Bytes, Bytes>

function openSublevel(root: RootLevel, name: SublevelName) {
  return root.sublevel<Bytes, Bytes>(name, { keyEncoding: 'view', valueEncoding: 'view' })
}
type Sublevel = ReturnType<typeof openSublevel>

/** One write in an atomic batch. */
export type WriteOp =
  | { type: 'put'; sublevel: SublevelName; key: Bytes; value: Bytes }
  | { type: 'del'; sublevel: SublevelName; key: Bytes }

export interface Database {
  get(sublevel: SublevelName, key: Bytes): Promise<Bytes | undefined>
  /** Entries of a sublevel in key order within [gte, lte] (both optional). */
  iterate(sublevel: SublevelName, range?: { gte?: Bytes; lte?: Bytes }): AsyncIterable<[Bytes, Bytes]>
  /** Writes all ops in one atomic level batch. */
  write(ops: WriteOp[]): Promise<void>
  close(): Promise<void>
}

/** Level returns Buffers; hand out plain Uint8Array views of the same memory. */
function plain(value: Bytes): Bytes {
  return Object.getPrototypeOf(value) === Uint8Array.prototype ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}

/** Opens (creating if needed) the database in `dataDir`. */
export async function openDatabase(dataDir: string): Promise<Database> {
  const root: RootLevel = new Level<Bytes, Bytes>(dataDir, { keyEncoding: 'view', valueEncoding: 'view' })
  try {
    await root.open()
  } catch (cause) {
    throw new StorageError(`cannot open database at ${dataDir}: ${(cause as Error).message}`, { cause })
  }
  const subs = new Map<SublevelName, Sublevel>()
  for (const name of SUBLEVELS) subs.set(name, openSublevel(root, name))
  const sub = (name: SublevelName) => subs.get(name) as Sublevel
  return {
    async get(sublevel, key) {
      const value = await sub(sublevel).get(key)
      return value === undefined ? undefined : plain(value as Bytes)
    },
    async *iterate(sublevel, range = {}) {
      const options: { gte?: Bytes; lte?: Bytes } = {}
      if (range.gte !== undefined) options.gte = range.gte
      if (range.lte !== undefined) options.lte = range.lte
      for await (const [key, value] of sub(sublevel).iterator(options)) yield [plain(key as Bytes), plain(value as Bytes)]
    },
    async write(ops) {
      if (ops.length === 0) return
      await root.batch(
        ops.map((op) =>
          op.type === 'put'
            ? { type: 'put' as const, sublevel: sub(op.sublevel), key: op.key, value: op.value }
            : { type: 'del' as const, sublevel: sub(op.sublevel), key: op.key },
        ),
      )
    },
    async close() {
      await root.close()
    },
  }
}
