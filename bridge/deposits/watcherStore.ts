/**
 * The deposit watcher's level database: its cursor (how far it scanned, the next deposit index), the
 * hash of every scanned momentum (for origins and canonical checks), every deposit record with its
 * send hash and token metadata, and sourceHash → index. Scan results are written in one batch, before
 * anything is handed out, so a restart resumes exactly where the last write ended.
 */
import { Level } from 'level'
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util'
import { bytesEqual, concatBytes, u64be } from '../../nom/hash.ts'
import { userDepositSourceHash } from '../../node/deposits/depositTx.ts'
import type { OriginMomentum } from '../../node/deposits/depositSource.ts'
import type { AnchorDeposit, TokenMetadata } from './depositTransaction.ts'
import { DepositStoreError } from './errors.ts'
import { CURSOR_KEY, DEPOSIT_PREFIX, depositKey, META_KEY, MOMENTUM_PREFIX, momentumKey, sourceKey } from './storeKeys.ts'

type Bytes = Uint8Array

/** An anchor deposit as the watcher keeps it. */
export interface WatchedDeposit {
  record: AnchorDeposit
  /** The Deposit send block's hash (the record's `sendHash`). */
  sendHash: Bytes
  /** Token metadata (ZTS deposits only). */
  token: TokenMetadata | undefined
  sourceHash: Bytes
}

export interface WatcherCursor {
  /** Every momentum up to this height is scanned (0: none yet). */
  scannedHeight: bigint
  /** Index the next deposit gets (1 + the newest known). */
  nextIndex: bigint
}

/** What one scanned momentum adds. */
export interface ScannedMomentum {
  momentum: OriginMomentum
  deposits: WatchedDeposit[]
}

export interface WatcherStore {
  cursor(): Promise<WatcherCursor | undefined>
  momentum(height: bigint): Promise<OriginMomentum | undefined>
  /** Lowest scanned momentum height kept (undefined: none). */
  firstMomentumHeight(): Promise<bigint | undefined>
  deposit(index: bigint): Promise<WatchedDeposit | undefined>
  indexOf(sourceHash: Bytes): Promise<bigint | undefined>
  /** Appends scanned momentums and their deposits and moves the cursor, in one batch. */
  append(scanned: ScannedMomentum[], cursor: WatcherCursor): Promise<void>
  /** Drops momentums above `cursor.scannedHeight` and deposits from `cursor.nextIndex` on, in one batch. */
  rewind(cursor: WatcherCursor): Promise<void>
  close(): Promise<void>
}

const uint = (x: bigint): Bytes => bigIntToUnpaddedBytes(x)

function encodeDeposit(d: WatchedDeposit): Bytes {
  const r = d.record
  const token = d.token === undefined ? [] : [new TextEncoder().encode(d.token.name), new TextEncoder().encode(d.token.symbol), uint(BigInt(d.token.decimals))]
  const call = r.call === undefined ? [] : [uint(r.call.value), uint(r.call.gasLimit), r.call.data]
  return RLP.encode([uint(r.index), r.sender, r.l2Recipient, r.tokenStandard, uint(r.amount), uint(r.momentumHeight), r.momentumHash, d.sendHash, token, call])
}

function decodeDeposit(bytes: Bytes, index: bigint): WatchedDeposit {
  const fields = RLP.decode(bytes) as unknown
  const bad = () => new DepositStoreError(`stored deposit ${index} does not decode`)
  if (!Array.isArray(fields) || fields.length !== 10) throw bad()
  const [ix, sender, l2Recipient, tokenStandard, amount, momentumHeight, momentumHash, sendHash, token, call] = fields as [Bytes, Bytes, Bytes, Bytes, Bytes, Bytes, Bytes, Bytes, Bytes[], Bytes[]]
  if (!Array.isArray(token) || (token.length !== 0 && token.length !== 3)) throw bad()
  if (!Array.isArray(call) || (call.length !== 0 && call.length !== 3)) throw bad()
  const record: AnchorDeposit = {
    index: bytesToBigInt(ix),
    sender,
    l2Recipient,
    tokenStandard,
    amount: bytesToBigInt(amount),
    momentumHeight: bytesToBigInt(momentumHeight),
    momentumHash,
  }
  if (call.length === 3) record.call = { value: bytesToBigInt(call[0]!), gasLimit: bytesToBigInt(call[1]!), data: call[2]! }
  if (record.index !== index) throw bad()
  const decoder = new TextDecoder()
  return {
    record,
    sendHash,
    token: token.length === 0 ? undefined : { name: decoder.decode(token[0]), symbol: decoder.decode(token[1]), decimals: Number(bytesToBigInt(token[2]!)) },
    sourceHash: userDepositSourceHash(record.momentumHash, record.index),
  }
}

function encodeMomentum(m: OriginMomentum): Bytes {
  return concatBytes(m.hash, u64be(m.timestamp))
}

function decodeMomentum(height: bigint, bytes: Bytes): OriginMomentum {
  if (bytes.length !== 40) throw new DepositStoreError(`stored momentum ${height} does not decode`)
  return { height, hash: bytes.slice(0, 32), timestamp: new DataView(bytes.buffer, bytes.byteOffset + 32, 8).getBigUint64(0, false) }
}

/** Level returns Buffers; hand out plain Uint8Arrays. */
const plain = (v: Bytes): Bytes => new Uint8Array(v.buffer, v.byteOffset, v.byteLength)

/** Opens (creating) the store in `dataDir`; a store written for another chain id is refused. */
export async function openWatcherStore(dataDir: string, chainId: bigint): Promise<WatcherStore> {
  const db = new Level<Bytes, Bytes>(dataDir, { keyEncoding: 'view', valueEncoding: 'view' })
  try {
    await db.open()
  } catch (cause) {
    throw new DepositStoreError(`cannot open the deposit watcher's database at ${dataDir}: ${(cause as Error).message}`, { cause })
  }
  const get = async (key: Bytes): Promise<Bytes | undefined> => {
    const v = await db.get(key)
    return v === undefined ? undefined : plain(v)
  }
  const meta = await get(META_KEY)
  if (meta === undefined) await db.put(META_KEY, u64be(chainId))
  else if (!bytesEqual(meta, u64be(chainId))) {
    await db.close()
    throw new DepositStoreError(`the deposit watcher's database at ${dataDir} belongs to chain ${bytesToBigInt(meta)}, not ${chainId}`)
  }

  const firstKeyOf = async (prefix: number): Promise<Bytes | undefined> => {
    for await (const key of db.keys({ gte: Uint8Array.of(prefix), lt: Uint8Array.of(prefix + 1), limit: 1 })) return plain(key)
    return undefined
  }

  return {
    async cursor() {
      const v = await get(CURSOR_KEY)
      if (v === undefined) return undefined
      const fields = RLP.decode(v) as unknown
      if (!Array.isArray(fields) || fields.length !== 2) throw new DepositStoreError('stored cursor does not decode')
      return { scannedHeight: bytesToBigInt(fields[0] as Bytes), nextIndex: bytesToBigInt(fields[1] as Bytes) }
    },
    async momentum(height) {
      const v = await get(momentumKey(height))
      return v === undefined ? undefined : decodeMomentum(height, v)
    },
    async firstMomentumHeight() {
      const key = await firstKeyOf(MOMENTUM_PREFIX)
      return key === undefined ? undefined : bytesToBigInt(key.subarray(1))
    },
    async deposit(index) {
      const v = await get(depositKey(index))
      return v === undefined ? undefined : decodeDeposit(v, index)
    },
    async indexOf(sourceHash) {
      const v = await get(sourceKey(sourceHash))
      return v === undefined ? undefined : bytesToBigInt(v)
    },
    async append(scanned, cursor) {
      const ops: { type: 'put'; key: Bytes; value: Bytes }[] = []
      for (const s of scanned) {
        ops.push({ type: 'put', key: momentumKey(s.momentum.height), value: encodeMomentum(s.momentum) })
        for (const d of s.deposits) {
          ops.push({ type: 'put', key: depositKey(d.record.index), value: encodeDeposit(d) })
          ops.push({ type: 'put', key: sourceKey(d.sourceHash), value: u64be(d.record.index) })
        }
      }
      ops.push({ type: 'put', key: CURSOR_KEY, value: RLP.encode([uint(cursor.scannedHeight), uint(cursor.nextIndex)]) })
      await db.batch(ops)
    },
    async rewind(cursor) {
      const ops: ({ type: 'del'; key: Bytes } | { type: 'put'; key: Bytes; value: Bytes })[] = []
      for await (const key of db.keys({ gt: momentumKey(cursor.scannedHeight), lt: Uint8Array.of(MOMENTUM_PREFIX + 1) })) ops.push({ type: 'del', key: plain(key) })
      for await (const [key, value] of db.iterator({ gte: depositKey(cursor.nextIndex), lt: Uint8Array.of(DEPOSIT_PREFIX + 1) })) {
        const d = decodeDeposit(plain(value), bytesToBigInt(plain(key).subarray(1)))
        ops.push({ type: 'del', key: plain(key) }, { type: 'del', key: sourceKey(d.sourceHash) })
      }
      ops.push({ type: 'put', key: CURSOR_KEY, value: RLP.encode([uint(cursor.scannedHeight), uint(cursor.nextIndex)]) })
      await db.batch(ops)
    },
    async close() {
      await db.close()
    },
  }
}
