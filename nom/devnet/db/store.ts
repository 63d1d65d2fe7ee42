/**
 * The only code that touches `level`. `Store` reads and writes the database; `Overlay` buffers
 * writes on top of it (reads see the buffer first) so a momentum is built in memory and then
 * committed as one atomic batch.
 */
import { Level } from 'level'
import { toHex, fromHex } from '../../hash.ts'

export type Op = { type: 'put'; key: Uint8Array; value: Uint8Array } | { type: 'del'; key: Uint8Array }

/** Key/value reads shared by the store and an overlay. */
export interface KVReader {
  get(key: Uint8Array): Promise<Uint8Array | undefined>
  /** Entries whose key starts with `prefix`, ascending by key. */
  scan(prefix: Uint8Array): Promise<Array<[Uint8Array, Uint8Array]>>
}

function upperBound(prefix: Uint8Array): Uint8Array | undefined {
  const out = Uint8Array.from(prefix)
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! < 0xff) {
      out[i]! += 1
      return out.subarray(0, i + 1)
    }
  }
  return undefined
}

/** level hands out Buffers; everything above the store sees plain Uint8Arrays (a view, no copy). */
const plain = (b: Uint8Array): Uint8Array => (Buffer.isBuffer(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : b)

export class Store implements KVReader {
  private constructor(private readonly db: Level<Uint8Array, Uint8Array>) {}

  static async open(path: string): Promise<Store> {
    const db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: 'view', valueEncoding: 'view' })
    await db.open()
    return new Store(db)
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const v = await this.db.get(key)
    return v === undefined || v === null ? undefined : plain(v)
  }

  async scan(prefix: Uint8Array): Promise<Array<[Uint8Array, Uint8Array]>> {
    const lt = upperBound(prefix)
    const range = lt === undefined ? { gte: prefix } : { gte: prefix, lt }
    const out: Array<[Uint8Array, Uint8Array]> = []
    for await (const [k, v] of this.db.iterator(range)) out.push([plain(k), plain(v)])
    return out
  }

  async write(ops: readonly Op[]): Promise<void> {
    if (ops.length === 0) return
    await this.db.batch(ops.map((o) => (o.type === 'put' ? { type: 'put' as const, key: o.key, value: o.value } : { type: 'del' as const, key: o.key })))
  }

  async close(): Promise<void> {
    await this.db.close()
  }
}

/** Buffered writes over a reader; `ops()` lists them in key order, `fork()` nests a rollback scope. */
export class Overlay implements KVReader {
  private readonly writes = new Map<string, Uint8Array | null>()

  constructor(private readonly base: KVReader) {}

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const w = this.writes.get(toHex(key))
    if (w !== undefined) return w === null ? undefined : w
    return this.base.get(key)
  }

  async scan(prefix: Uint8Array): Promise<Array<[Uint8Array, Uint8Array]>> {
    const merged = new Map<string, Uint8Array>()
    for (const [k, v] of await this.base.scan(prefix)) merged.set(toHex(k), v)
    const p = toHex(prefix)
    for (const [k, v] of this.writes) {
      if (!k.startsWith(p)) continue
      if (v === null) merged.delete(k)
      else merged.set(k, v)
    }
    return [...merged.keys()].sort().map((k) => [fromHex(k), merged.get(k)!])
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.writes.set(toHex(key), value)
  }

  del(key: Uint8Array): void {
    this.writes.set(toHex(key), null)
  }

  /** A child scope: its writes reach this overlay only through `commitInto()`. */
  fork(): Overlay {
    return new Overlay(this)
  }

  /** Applies this overlay's writes to its parent overlay. */
  commitInto(parent: Overlay): void {
    for (const [k, v] of this.writes) parent.writes.set(k, v)
  }

  ops(): Op[] {
    return [...this.writes.keys()].sort().map((k) => {
      const v = this.writes.get(k)!
      return v === null ? { type: 'del', key: fromHex(k) } : { type: 'put', key: fromHex(k), value: v }
    })
  }
}
