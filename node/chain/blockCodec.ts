/**
 * Stored forms of a sealed block: the header RLP (`headers`) and the body (`bodies`) as
 * RLP [ [tx bytes…], [sender…] ]. Decoding rebuilds the @ethereumjs Block with the chain's Common.
 */
import { Block, createBlockHeaderFromRLP } from '@ethereumjs/block'
import { RLP } from '@ethereumjs/rlp'
import { createTxFromRLP } from '@ethereumjs/tx'
import type { Common } from '@ethereumjs/common'
import type { TypedTransaction } from '@ethereumjs/tx'
import type { SealedBlock } from '../backend.ts'
import { StorageError } from '../errors.ts'
import { PRELOADED_PARAMS } from '../execution/chainCommon.ts'

export function encodeBody(sealed: SealedBlock): Uint8Array {
  return RLP.encode([sealed.block.transactions.map((tx) => tx.serialize()), sealed.senders])
}

export function decodeSealedBlock(common: Common, headerBytes: Uint8Array, bodyBytes: Uint8Array): SealedBlock {
  const header = createBlockHeaderFromRLP(headerBytes, { common, setHardfork: false, params: PRELOADED_PARAMS })
  const decoded = RLP.decode(bodyBytes) as unknown
  if (!Array.isArray(decoded) || decoded.length !== 2) throw new StorageError(`corrupt block body for block ${header.number}`)
  const [rawTxs, senders] = decoded as [Uint8Array[], Uint8Array[]]
  const transactions: TypedTransaction[] = rawTxs.map((raw) => createTxFromRLP(raw, { common, params: PRELOADED_PARAMS }))
  const block = new Block(header, transactions, [], [], { common, params: PRELOADED_PARAMS })
  return { block, hash: header.hash(), senders, size: block.serialize().length }
}
