/**
 * Block, receipt and log stores over the node database, implementing ChainReader. The head is
 * kept in memory; recent blocks and receipts are cached. The sequencer builds a block's writes with
 * `blockWriteOps` and calls `commitHead` once the atomic batch holding them is written.
 */
import { RLP } from '@ethereumjs/rlp'
import { bytesToBigInt, bytesToHex, equalsBytes } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { BlockTag, ChainReader, LogEntry, LogQuery, SealedBlock, TxLocation, TxReceipt } from '../backend.ts'
import type { Database, WriteOp } from '../db/database.ts'
import { blockNumberKey, headKey, type HeadName } from '../db/keys.ts'
import { LimitExceededError, StorageError } from '../errors.ts'
import { decodeSealedBlock, encodeBody } from './blockCodec.ts'
import { encodeRLP, uintBytes } from './encodeRLP.ts'
import { transactionHashes } from './blockTransactions.ts'
import { decodeReceipts, encodeReceipts, toTxReceipts, type ExecutedReceipt } from './receiptCodec.ts'

export interface ChainStoreOptions {
  common: Common
  db: Database
  /** Widest eth_getLogs block range. */
  logRangeLimit: number
  maxLogResults: number
  /** Number of recent blocks (with receipts) kept in memory. */
  cacheSize?: number
}

export interface ChainStore extends ChainReader {
  /** Level writes that store a sealed block and make it the head (one atomic batch with its state). */
  blockWriteOps(sealed: SealedBlock, receipts: ExecutedReceipt[]): WriteOp[]
  /** After the batch is written: the block becomes the in-memory head. Returns its full receipts. */
  commitHead(sealed: SealedBlock, receipts: ExecutedReceipt[]): TxReceipt[]
  /** Loads the stored head (undefined on an empty database). */
  loadHead(): Promise<SealedBlock | undefined>
  /** Marks a block number safe / finalized (the bridge calls these later). */
  setSafe(number: bigint): Promise<void>
  setFinalized(number: bigint): Promise<void>
  /**
   * Makes stored block `number` the head again (a replica whose L1 data was replaced): in one atomic
   * batch, drops the canonical number → hash entries, tx lookups and log index entries of the
   * blocks above it and points `latest` (and `safe`/`finalized` if they were above) at it.
   * Headers, bodies, receipts (by hash) and trie nodes stay: they are unreachable by number. The
   * caller moves any state writer of its own back to the new head's state root. `alsoWrite` goes
   * into the same batch (a verifier's own records of what it derived above the block).
   */
  rewindTo(number: bigint, alsoWrite?: WriteOp[]): Promise<SealedBlock>
  /** The database the chain is stored in (others keep their records in it under their own keys). */
  readonly db: Database
}

interface CachedBlock {
  sealed: SealedBlock
  receipts?: TxReceipt[]
}

const hexKey = (bytes: Uint8Array) => bytesToHex(bytes)

function matchesLog(log: { address: Uint8Array; topics: Uint8Array[] }, query: LogQuery): boolean {
  if (query.addresses.length > 0 && !query.addresses.some((a) => equalsBytes(a, log.address))) return false
  for (let i = 0; i < query.topics.length; i++) {
    const wanted = query.topics[i]
    if (wanted === null || wanted === undefined) continue
    const topic = log.topics[i]
    if (topic === undefined || !wanted.some((t) => equalsBytes(t, topic))) return false
  }
  return true
}

export function createChainStore(options: ChainStoreOptions): ChainStore {
  const { common, db } = options
  const cacheSize = options.cacheSize ?? 256
  const byHash = new Map<string, CachedBlock>()
  const byNumber = new Map<bigint, string>()
  let head: SealedBlock | undefined
  let safe = 0n
  let finalized = 0n
  /**
   * setSafe, setFinalized and rewindTo run one at a time, in call order: a head mark read before a
   * rewind but written after it would point above the new head, at a block no longer canonical.
   */
  let headWrites: Promise<unknown> = Promise.resolve()
  function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = headWrites.then(task)
    headWrites = run.catch(() => undefined)
    return run
  }

  function remember(entry: CachedBlock): void {
    const key = hexKey(entry.sealed.hash)
    byHash.set(key, entry)
    byNumber.set(entry.sealed.block.header.number, key)
    while (byHash.size > cacheSize) {
      const oldest = byHash.keys().next().value as string
      const old = byHash.get(oldest)
      byHash.delete(oldest)
      if (old !== undefined) byNumber.delete(old.sealed.block.header.number)
    }
  }

  async function readBlock(hash: Uint8Array): Promise<SealedBlock | undefined> {
    const cached = byHash.get(hexKey(hash))
    if (cached !== undefined) return cached.sealed
    const header = await db.get('headers', hash)
    if (header === undefined) return undefined
    const body = await db.get('bodies', hash)
    if (body === undefined) throw new StorageError(`block ${bytesToHex(hash)} has a header but no body`)
    const sealed = decodeSealedBlock(common, header, body)
    remember({ sealed })
    return sealed
  }

  async function hashOfNumber(number: bigint): Promise<Uint8Array | undefined> {
    const cached = byNumber.get(number)
    if (cached !== undefined) return byHash.get(cached)?.sealed.hash
    return db.get('canonical', blockNumberKey(number))
  }

  function requireHead(): SealedBlock {
    if (head === undefined) throw new StorageError('chain has no head')
    return head
  }

  const store: ChainStore = {
    head: requireHead,

    numberOfTag(tag: BlockTag): bigint {
      switch (tag) {
        case 'latest':
        case 'pending':
          return requireHead().block.header.number
        case 'earliest':
          return 0n
        case 'safe':
          return safe
        case 'finalized':
          return finalized
      }
    },

    async getBlockByNumber(number) {
      if (number < 0n || number > requireHead().block.header.number) return undefined
      const hash = await hashOfNumber(number)
      return hash === undefined ? undefined : readBlock(hash)
    },

    getBlockByHash: readBlock,

    async getReceipts(blockHash) {
      const cached = byHash.get(hexKey(blockHash))
      if (cached?.receipts !== undefined) return cached.receipts
      const sealed = await readBlock(blockHash)
      if (sealed === undefined) return undefined
      const bytes = await db.get('receipts', blockHash)
      if (bytes === undefined) throw new StorageError(`block ${bytesToHex(blockHash)} has no receipts`)
      const receipts = toTxReceipts(sealed, decodeReceipts(bytes))
      const entry = byHash.get(hexKey(blockHash))
      if (entry !== undefined) entry.receipts = receipts
      return receipts
    },

    async getTransactionLocation(txHash): Promise<TxLocation | undefined> {
      const bytes = await db.get('txLookup', txHash)
      if (bytes === undefined) return undefined
      const [number, blockHash, index] = RLP.decode(bytes) as Uint8Array[]
      if (number === undefined || blockHash === undefined || index === undefined) throw new StorageError('corrupt tx lookup entry')
      return { blockNumber: bytesToBigInt(number), blockHash, index: Number(bytesToBigInt(index)) }
    },

    async getLogs(query: LogQuery): Promise<LogEntry[]> {
      if (query.toBlock >= query.fromBlock && query.toBlock - query.fromBlock + 1n > BigInt(options.logRangeLimit)) {
        throw new LimitExceededError(`query exceeds max block range ${options.logRangeLimit}`)
      }
      const headNumber = requireHead().block.header.number
      const to = query.toBlock > headNumber ? headNumber : query.toBlock
      if (query.fromBlock > to) return []
      const out: LogEntry[] = []
      for await (const [key, value] of db.iterate('logs', { gte: blockNumberKey(query.fromBlock), lte: blockNumberKey(to) })) {
        const [blockHash, timestamp, logs] = RLP.decode(value) as [Uint8Array, Uint8Array, Uint8Array[][]]
        const blockNumber = new DataView(key.buffer, key.byteOffset, 8).getBigUint64(0)
        logs.forEach((fields, logIndex) => {
          const [address, topics, data, txIndex, txHash] = fields as unknown as [Uint8Array, Uint8Array[], Uint8Array, Uint8Array, Uint8Array]
          if (!matchesLog({ address, topics }, query)) return
          out.push({
            address,
            topics,
            data,
            blockNumber,
            blockHash,
            blockTimestamp: bytesToBigInt(timestamp),
            transactionHash: txHash,
            transactionIndex: Number(bytesToBigInt(txIndex)),
            logIndex,
            removed: false,
          })
        })
        if (out.length > options.maxLogResults) {
          throw new LimitExceededError(`query returned more than ${options.maxLogResults} results`)
        }
      }
      return out
    },

    blockWriteOps(sealed, receipts) {
      const { block, hash } = sealed
      const number = block.header.number
      const ops: WriteOp[] = [
        { type: 'put', sublevel: 'headers', key: hash, value: block.header.serialize() },
        { type: 'put', sublevel: 'bodies', key: hash, value: encodeBody(sealed) },
        { type: 'put', sublevel: 'receipts', key: hash, value: encodeReceipts(receipts) },
        { type: 'put', sublevel: 'canonical', key: blockNumberKey(number), value: hash },
        { type: 'put', sublevel: 'heads', key: headKey('latest'), value: hash },
      ]
      const numberBytes = uintBytes(number)
      const blockLogs: Uint8Array[][] = []
      transactionHashes(sealed).forEach((txHash, i) => {
        const indexBytes = uintBytes(BigInt(i))
        ops.push({ type: 'put', sublevel: 'txLookup', key: txHash, value: encodeRLP([numberBytes, hash, indexBytes]) })
        for (const log of receipts[i]?.logs ?? []) {
          blockLogs.push([log.address, log.topics as unknown as Uint8Array, log.data, indexBytes, txHash])
        }
      })
      if (blockLogs.length > 0) {
        ops.push({
          type: 'put',
          sublevel: 'logs',
          key: blockNumberKey(number),
          value: encodeRLP([hash, uintBytes(block.header.timestamp), blockLogs]),
        })
      }
      return ops
    },

    commitHead(sealed, receipts) {
      const full = toTxReceipts(sealed, receipts)
      remember({ sealed, receipts: full })
      head = sealed
      return full
    },

    async loadHead() {
      const hash = await db.get('heads', headKey('latest'))
      if (hash === undefined) return undefined
      const sealed = await readBlock(hash)
      if (sealed === undefined) throw new StorageError(`head block ${bytesToHex(hash)} is missing`)
      head = sealed
      for (const name of ['safe', 'finalized'] as HeadName[]) {
        const h = await db.get('heads', headKey(name))
        if (h === undefined) continue
        const b = await readBlock(h)
        if (b === undefined) throw new StorageError(`${name} block ${bytesToHex(h)} is missing`)
        if (name === 'safe') safe = b.block.header.number
        else finalized = b.block.header.number
      }
      return sealed
    },

    setSafe: (number) => oneAtATime(() => mark('safe', number)),

    setFinalized: (number) => oneAtATime(() => mark('finalized', number)),

    rewindTo: (number, alsoWrite = []) => oneAtATime(() => rewind(number, alsoWrite)),

    db,
  }

  /** setSafe / setFinalized's work, run one at a time with rewinds. */
  async function mark(name: 'safe' | 'finalized', number: bigint): Promise<void> {
    const hash = await hashOfNumber(number)
    if (hash === undefined) throw new StorageError(`cannot mark unknown block ${number} ${name}`)
    await db.write([{ type: 'put', sublevel: 'heads', key: headKey(name), value: hash }])
    if (name === 'safe') safe = number
    else finalized = number
  }

  /** rewindTo's work (see ChainStore.rewindTo), run one at a time with the head marks. */
  async function rewind(number: bigint, alsoWrite: WriteOp[]): Promise<SealedBlock> {
    const current = requireHead()
    const top = current.block.header.number
    if (number < 0n || number > top) throw new StorageError(`cannot rewind to block ${number}: the head is ${top}`)
    const target = await store.getBlockByNumber(number)
    if (target === undefined) throw new StorageError(`cannot rewind to block ${number}: it is not stored`)
    const ops: WriteOp[] = [{ type: 'put', sublevel: 'heads', key: headKey('latest'), value: target.hash }]
    if (safe > number) ops.push({ type: 'put', sublevel: 'heads', key: headKey('safe'), value: target.hash })
    if (finalized > number) ops.push({ type: 'put', sublevel: 'heads', key: headKey('finalized'), value: target.hash })
    for (let n = number + 1n; n <= top; n++) {
      const hash = await hashOfNumber(n)
      if (hash === undefined) throw new StorageError(`cannot rewind: block ${n} below the head ${top} has no canonical entry`)
      const sealed = await readBlock(hash)
      if (sealed === undefined) throw new StorageError(`cannot rewind: block ${n} (${bytesToHex(hash)}) is missing`)
      ops.push({ type: 'del', sublevel: 'canonical', key: blockNumberKey(n) })
      ops.push({ type: 'del', sublevel: 'logs', key: blockNumberKey(n) })
      for (const txHash of transactionHashes(sealed)) ops.push({ type: 'del', sublevel: 'txLookup', key: txHash })
    }
    await db.write([...ops, ...alsoWrite])
    for (let n = number + 1n; n <= top; n++) {
      const key = byNumber.get(n)
      if (key === undefined) continue
      byNumber.delete(n)
      byHash.delete(key)
    }
    head = target
    if (safe > number) safe = number
    if (finalized > number) finalized = number
    return target
  }
  return store
}
