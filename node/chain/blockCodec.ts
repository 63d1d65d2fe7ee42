/**
 * Stored forms of a sealed block: the header RLP (`headers`) and the body (`bodies`) as
 * RLP [ [tx bytes…], [sender…] ] for a block without deposit data, or
 * RLP [ [tx bytes…], [sender…], [[deposit bytes, depositNonce]…], origin, lastDepositSourceHash ]
 * where origin is [] or [height, hash, timestamp, sequenceNumber] and lastDepositSourceHash is
 * empty when no user deposit was included yet. Decoding rebuilds the @ethereumjs Block with the
 * chain's Common; the 2-element form (blocks stored before deposits existed) still decodes.
 */
import { Block, createBlockHeaderFromRLP } from '@ethereumjs/block'
import { RLP } from '@ethereumjs/rlp'
import { createTxFromRLP } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { TypedTransaction } from '@ethereumjs/tx'
import type { BlockOrigin, IncludedDeposit, SealedBlock } from '../backend.ts'
import { decodeDepositTx, depositTxHash, encodeDepositTx } from '../deposits/depositTx.ts'
import { StorageError } from '../errors.ts'
import { encodedLength, encodeRLP } from './encodeRLP.ts'
import { PRELOADED_PARAMS } from '../execution/chainCommon.ts'

type Nested = Uint8Array | Nested[]

function hasDepositData(sealed: SealedBlock): boolean {
  return sealed.deposits !== undefined || sealed.origin !== undefined || sealed.lastDepositSourceHash !== undefined
}

export function encodeBody(sealed: SealedBlock): Uint8Array {
  const body: Nested[] = [sealed.block.transactions.map((tx) => tx.serialize()), sealed.senders]
  if (hasDepositData(sealed)) {
    const origin = sealed.origin
    body.push(
      (sealed.deposits ?? []).map((d) => [encodeDepositTx(d.tx), bigIntToUnpaddedBytes(d.nonce)]),
      origin === undefined
        ? []
        : [bigIntToUnpaddedBytes(origin.height), origin.hash, bigIntToUnpaddedBytes(origin.timestamp), bigIntToUnpaddedBytes(origin.sequenceNumber)],
      sealed.lastDepositSourceHash ?? new Uint8Array(),
    )
  }
  return encodeRLP(body)
}

/** Byte length of the block as clients would RLP-encode it: deposits first in its tx list. */
export function blockSize(block: Block, deposits: IncludedDeposit[] | undefined): number {
  const raw = block.raw() as Nested[]
  if (deposits !== undefined && deposits.length > 0) raw[1] = [...deposits.map((d) => encodeDepositTx(d.tx)), ...(raw[1] as Nested[])]
  return encodedLength(raw)
}

function decodeOrigin(fields: Uint8Array[], number: bigint): BlockOrigin | undefined {
  if (fields.length === 0) return undefined
  const [height, hash, timestamp, sequenceNumber] = fields
  if (fields.length !== 4 || height === undefined || hash === undefined || timestamp === undefined || sequenceNumber === undefined) {
    throw new StorageError(`corrupt origin in block body ${number}`)
  }
  return { height: bytesToBigInt(height), hash, timestamp: bytesToBigInt(timestamp), sequenceNumber: bytesToBigInt(sequenceNumber) }
}

export function decodeSealedBlock(common: Common, headerBytes: Uint8Array, bodyBytes: Uint8Array): SealedBlock {
  const header = createBlockHeaderFromRLP(headerBytes, { common, setHardfork: false, params: PRELOADED_PARAMS })
  const decoded = RLP.decode(bodyBytes) as unknown
  if (!Array.isArray(decoded) || (decoded.length !== 2 && decoded.length !== 5)) throw new StorageError(`corrupt block body for block ${header.number}`)
  const [rawTxs, senders] = decoded as [Uint8Array[], Uint8Array[]]
  const transactions: TypedTransaction[] = rawTxs.map((raw) => createTxFromRLP(raw, { common, params: PRELOADED_PARAMS }))
  const block = new Block(header, transactions, [], [], { common, params: PRELOADED_PARAMS })
  if (decoded.length === 2) return { block, hash: header.hash(), senders, size: block.serialize().length }
  const [, , rawDeposits, origin, last] = decoded as [unknown, unknown, [Uint8Array, Uint8Array][], Uint8Array[], Uint8Array]
  const deposits: IncludedDeposit[] = rawDeposits.map(([bytes, nonce]) => {
    const tx = decodeDepositTx(bytes)
    return { tx, hash: depositTxHash(tx), nonce: bytesToBigInt(nonce) }
  })
  const sealed: SealedBlock = { block, hash: header.hash(), senders, size: blockSize(block, deposits), deposits }
  const decodedOrigin = decodeOrigin(origin, header.number)
  if (decodedOrigin !== undefined) sealed.origin = decodedOrigin
  if (last.length > 0) sealed.lastDepositSourceHash = last
  return sealed
}
