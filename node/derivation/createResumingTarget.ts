/**
 * Re-derivation over a chain that already holds blocks (a restarted verifier): derivation is fed
 * the same momentums from the start (or from a checkpoint whose head is `from`: blocks stored after
 * it, before the crash let the checkpoint be written), and this target answers for the blocks the store already has
 * instead of executing them again. A stored block answers `valid` when the derived input is the
 * block it holds (timestamp, origin, transactions); a stored deposit-only block answers an input
 * with transactions as not includable (that is how it came to be stored). Past the stored head it
 * hands over to the engine. Anything else means the data dir holds another chain: it throws.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { ChainReader, SealedBlock } from '../backend.ts'
import type { DerivationTarget, ReplayBlockInput, ReplayResult } from './types.ts'

export interface StoredChainTarget extends DerivationTarget {
  chain: Pick<ChainReader, 'getBlockByNumber' | 'getReceipts'>
  outputRootAt(number: bigint): Promise<Uint8Array | undefined>
}

/** The stored chain differs from what derivation yields. */
export class StoredChainMismatchError extends Error {
  override readonly name = 'StoredChainMismatchError'
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0
}

export interface ResumingOptions {
  /** The derived head derivation continues from (default: genesis); must be stored with this hash. */
  from?: { number: bigint; hash: Uint8Array }
}

export async function createResumingTarget(target: StoredChainTarget, options: ResumingOptions = {}): Promise<DerivationTarget & { resuming(): boolean }> {
  const storedHead = target.head().block.header.number
  const from = options.from?.number ?? 0n
  const start = await target.chain.getBlockByNumber(from)
  if (start === undefined) throw new StoredChainMismatchError(`derivation continues from block ${from}, but the stored head is ${storedHead}`)
  if (options.from !== undefined && !sameBytes(start.hash, options.from.hash)) {
    throw new StoredChainMismatchError(`stored block ${from} is ${bytesToHex(start.hash)}, derivation continues from ${bytesToHex(options.from.hash)}: the data dir holds another chain`)
  }
  let head: SealedBlock = start

  async function replayStored(input: ReplayBlockInput): Promise<ReplayResult> {
    const parent = head.block.header
    if (input.number !== parent.number + 1n) return { valid: false, reason: `block number ${input.number} does not follow the head ${parent.number}` }
    if (input.timestamp <= parent.timestamp) return { valid: false, reason: `block timestamp ${input.timestamp} is not after the parent's ${parent.timestamp}` }
    if (input.timestamp < input.origin.timestamp) return { valid: false, reason: `block timestamp ${input.timestamp} is before its origin's ${input.origin.timestamp}` }
    const stored = await target.chain.getBlockByNumber(input.number)
    if (stored === undefined) throw new StoredChainMismatchError(`stored block ${input.number} is missing below the stored head ${storedHead}`)
    const header = stored.block.header
    const origin = stored.origin
    const differs = (what: string) => new StoredChainMismatchError(`stored block ${input.number} differs from the derived one (${what}): the data dir holds another chain`)
    if (header.timestamp !== input.timestamp) throw differs(`timestamp ${header.timestamp} stored, ${input.timestamp} derived`)
    if (origin === undefined || origin.height !== input.origin.height || !sameBytes(origin.hash, input.origin.hash)) throw differs('origin')
    const txs = stored.block.transactions.map((tx) => tx.serialize())
    const same = txs.length === input.txs.length && txs.every((tx, i) => sameBytes(tx, input.txs[i] as Uint8Array))
    if (!same) {
      if (txs.length === 0) return { valid: false, reason: `stored as a deposit-only block: its batch had a transaction that cannot be included` }
      throw differs('transactions')
    }
    const receipts = (await target.chain.getReceipts(stored.hash)) ?? []
    const outputRoot = await target.outputRootAt(input.number)
    if (outputRoot === undefined) throw new StoredChainMismatchError(`no output root for stored block ${input.number}`)
    head = stored
    return { valid: true, sealed: stored, receipts, outputRoot }
  }

  return {
    head: () => (head.block.header.number < storedHead ? head : target.head()),
    resuming: () => head.block.header.number < storedHead,
    applyBlock(input) {
      if (head.block.header.number < storedHead) return replayStored(input)
      return target.applyBlock(input)
    },
  }
}
