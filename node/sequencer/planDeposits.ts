/**
 * Which deposits open the next block: asks the deposit source with what the chain holds (the
 * parent's origin and newest user deposit), checks the answer, and returns the system deposit
 * writing the block's origin followed by the user deposits that fit in the block's gas. Deposits
 * that do not fit stay with the source, which offers them again for the next block.
 *
 * Every plan has an origin: when the source has none and the parent has none (the first blocks of a
 * chain, before the source knows any momentum), it throws OriginUnavailableError and nothing is
 * sealed. An origin never goes backwards: below the parent's height, or at its height with another
 * hash, is a DepositSourceError.
 */
import type { BlockOrigin, ChainReader, SealedBlock } from '../backend.ts'
import { DepositSourceError, OriginUnavailableError, type SequencerDeposits } from '../deposits/depositSource.ts'
import { depositTxHash, type DepositTx } from '../deposits/depositTx.ts'
import { createOriginInfoDeposit, ORIGIN_INFO_GAS } from '../deposits/originInfoDeposit.ts'
import { encodeSetOrigin } from '../../contracts/l2/systemCalldata.ts'

export interface DepositPlan {
  /** Deposits to run first: the system deposit writing the origin, then user deposits. */
  deposits: DepositTx[]
  origin: BlockOrigin
  lastDepositSourceHash: Uint8Array | undefined
  /** User deposits the source offered that the chain already holds (skipped, never re-minted). */
  alreadyIncluded: Uint8Array[]
}

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`

export async function planDeposits(
  config: SequencerDeposits,
  chain: Pick<ChainReader, 'getTransactionLocation'>,
  parent: SealedBlock,
  timestamp: bigint,
  gasLimit: bigint,
): Promise<DepositPlan> {
  const calldata = config.originCalldata ?? encodeSetOrigin
  const parentOrigin = parent.origin
  const last = parent.lastDepositSourceHash
  const batch = await config.source.next({
    parent: parent.block.header,
    timestamp,
    parentOrigin: parentOrigin === undefined ? undefined : { height: parentOrigin.height, hash: parentOrigin.hash, timestamp: parentOrigin.timestamp },
    lastDepositSourceHash: last,
  })
  if (batch === undefined) {
    if (parentOrigin === undefined) {
      throw new OriginUnavailableError(`no origin momentum for block ${parent.block.header.number + 1n}: the deposit source knows none yet`)
    }
    const origin = { ...parentOrigin, sequenceNumber: parentOrigin.sequenceNumber + 1n }
    return { deposits: [createOriginInfoDeposit(origin, calldata(origin))], origin, lastDepositSourceHash: last, alreadyIncluded: [] }
  }

  let sequenceNumber = 0n
  if (parentOrigin !== undefined) {
    if (batch.origin.height < parentOrigin.height) {
      throw new DepositSourceError(`origin momentum ${batch.origin.height} is behind the parent's origin ${parentOrigin.height}`)
    }
    if (batch.origin.height === parentOrigin.height) {
      if (Buffer.compare(batch.origin.hash, parentOrigin.hash) !== 0) {
        throw new DepositSourceError(`origin momentum ${batch.origin.height} has hash ${hex(batch.origin.hash)}, the parent's origin has ${hex(parentOrigin.hash)}`)
      }
      sequenceNumber = parentOrigin.sequenceNumber + 1n
    }
  }
  if (batch.origin.hash.length !== 32) throw new DepositSourceError('origin momentum hash must be 32 bytes')
  const origin: BlockOrigin = { height: batch.origin.height, hash: batch.origin.hash, timestamp: batch.origin.timestamp, sequenceNumber }

  const taken: DepositTx[] = []
  const alreadyIncluded: Uint8Array[] = []
  const seen = new Set<string>()
  let gas = ORIGIN_INFO_GAS
  let newest = last
  for (const deposit of batch.deposits) {
    const key = hex(deposit.sourceHash)
    if (seen.has(key)) throw new DepositSourceError(`deposit ${key} is offered twice in one batch`)
    if (deposit.isSystemTx) throw new DepositSourceError(`deposit ${key} has isSystemTx set (not allowed since OP Regolith)`)
    seen.add(key)
    if ((await chain.getTransactionLocation(depositTxHash(deposit))) !== undefined) {
      alreadyIncluded.push(deposit.sourceHash)
      newest = deposit.sourceHash
      continue
    }
    if (deposit.gas + ORIGIN_INFO_GAS > gasLimit) {
      throw new DepositSourceError(`deposit ${key} needs ${deposit.gas} gas, more than a block can give it`)
    }
    if (gas + deposit.gas > gasLimit) break
    gas += deposit.gas
    taken.push(deposit)
    newest = deposit.sourceHash
  }
  return {
    deposits: [createOriginInfoDeposit(origin, calldata(origin)), ...taken],
    origin,
    lastDepositSourceHash: newest,
    alreadyIncluded,
  }
}
