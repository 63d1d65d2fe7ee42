/**
 * The `DB` that @ethereumjs/mpt reads and writes trie nodes (and contract code) through. Writes
 * land in an in-memory write-back buffer; the sequencer takes them out with `takeWrites()` and
 * puts them into the same atomic batch as the block that produced them, so a crash leaves either
 * a block with all of its state or neither. Reads see the buffer first, then level.
 *
 * A block built ahead of its tick (node/sequencer/createSequencer.ts) may be thrown away: while
 * `holdWrites()` is on, this store's writes are held apart, readable through this store only, until
 * `keepHeld()` adds them to the buffered writes (the block is sealed) or `dropHeld()` forgets them.
 */
import type { BatchDBOp, DB, EncodingOpts } from '@ethereumjs/util'
import type { Database, WriteOp } from './database.ts'

type Key = string
type Value = string | Uint8Array

export interface TrieNodeStore extends DB<Key, Value> {
  /**
   * Buffered writes as batch ops for the `state` sublevel. They stay readable until
   * `releaseWrites()` is called after the batch that holds them is written.
   */
  takeWrites(): WriteOp[]
  /** Drops the writes handed out by the last `takeWrites()` (they are in level now). */
  releaseWrites(): void
  /** Number of buffered writes not yet handed out. */
  pendingWrites(): number
  /** From now on, holds this store's writes apart (see the module comment). */
  holdWrites(): void
  /** Adds the held writes to the buffered ones and stops holding. */
  keepHeld(): void
  /** Forgets the held writes and stops holding. */
  dropHeld(): void
  /** Number of writes held apart. */
  heldWrites(): number
}

/** Shared between a store and its shallow copies: what is written but not yet in level, and a read cache. */
interface WriteBuffer {
  pending: Map<Key, Uint8Array>
  flushing: Map<Key, Uint8Array>
  /** Recently read or written nodes (immutable: keyed by content). Oldest-inserted evicted first. */
  cache: Map<Key, Uint8Array>
  cacheLimit: number
}

/** Nodes kept in the read cache (≈ 50–100 MB at typical node sizes). */
export const DEFAULT_NODE_CACHE_ENTRIES = 200_000

function remember(buffer: WriteBuffer, key: Key, value: Uint8Array): void {
  if (buffer.cache.size >= buffer.cacheLimit) {
    const oldest = buffer.cache.keys().next().value
    if (oldest !== undefined) buffer.cache.delete(oldest)
  }
  buffer.cache.set(key, value)
}

function keyBytes(key: Key): Uint8Array {
  return Uint8Array.from(Buffer.from(key, 'hex'))
}

function valueBytes(value: Value): Uint8Array {
  return typeof value === 'string' ? Uint8Array.from(Buffer.from(value, 'hex')) : value
}

function asEncoding(value: Uint8Array, opts?: EncodingOpts): Value {
  return opts?.valueEncoding === 'string' ? Buffer.from(value).toString('hex') : value
}

/**
 * `buffer` may be shared by several stores over the same database (a read-only view sees what the
 * sequencer wrote but has not flushed yet). Trie nodes are content-addressed and never deleted
 * (no pruning), so a buffered node is immutable once written.
 */
export function createTrieNodeStore(
  db: Database,
  buffer: WriteBuffer = { pending: new Map(), flushing: new Map(), cache: new Map(), cacheLimit: DEFAULT_NODE_CACHE_ENTRIES },
): TrieNodeStore {
  /** This store's held writes while holding (never shared with shallow copies). */
  let held: Map<Key, Uint8Array> | undefined
  const write = (key: Key, value: Uint8Array) => (held ?? buffer.pending).set(key, value)
  const store: TrieNodeStore = {
    async get(key, opts) {
      const buffered = held?.get(key) ?? buffer.pending.get(key) ?? buffer.flushing.get(key) ?? buffer.cache.get(key)
      if (buffered !== undefined) return asEncoding(buffered, opts)
      const value = await db.get('state', keyBytes(key))
      if (value === undefined) return undefined
      remember(buffer, key, value)
      return asEncoding(value, opts)
    },
    async put(key, value) {
      write(key, valueBytes(value))
    },
    async del() {
      // Nodes are never removed: state is kept for every block (no pruning).
    },
    async batch(ops: BatchDBOp<Key, Value>[]) {
      for (const op of ops) {
        if (op.type === 'put') write(op.key, valueBytes(op.value))
      }
    },
    shallowCopy() {
      return createTrieNodeStore(db, buffer)
    },
    async open() {},
    takeWrites() {
      const ops: WriteOp[] = []
      for (const [key, value] of buffer.pending) {
        ops.push({ type: 'put', sublevel: 'state', key: keyBytes(key), value })
        buffer.flushing.set(key, value)
      }
      buffer.pending.clear()
      return ops
    },
    releaseWrites() {
      for (const [key, value] of buffer.flushing) remember(buffer, key, value)
      buffer.flushing.clear()
    },
    pendingWrites() {
      return buffer.pending.size
    },
    holdWrites() {
      held ??= new Map()
    },
    keepHeld() {
      if (held !== undefined) for (const [key, value] of held) buffer.pending.set(key, value)
      held = undefined
    },
    dropHeld() {
      held = undefined
    },
    heldWrites() {
      return held?.size ?? 0
    },
  }
  return store
}
