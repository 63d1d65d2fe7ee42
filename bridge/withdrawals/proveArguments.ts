/**
 * The exact ProveWithdrawal arguments (contracts/anchor/abi.ts ProveWithdrawalArgs, SPEC.md §3.10)
 * for one withdrawal of an L2 transaction. The commitment used is the oldest existing, unflagged
 * commitment whose L2 block is at or after the withdrawal's block. The output root proof is this
 * node's block at the commitment's l2BlockNumber, and must hash to the commitment's output root; the
 * storage proof is `sentMessages[withdrawalHash]` of 0x4200…0016 at that block, checked with the
 * anchor's own secure-MPT verifier before it is returned, so what this returns is what the anchor accepts.
 */
import { bytesToHex, equalsBytes } from '@ethereumjs/util'
import type { ProveWithdrawalArgs } from '../../contracts/anchor/abi.ts'
import { isStorageWordOne, verifySecureProof } from '../../contracts/anchor/secureStorageProof.ts'
import { withdrawalStorageSlot } from '../../contracts/anchor/withdrawalHash.ts'
import { withdrawalPayout, type WithdrawalPayout } from '../../contracts/anchor/withdrawalPayout.ts'
import { InvalidInputError, ResourceNotFoundError, StorageError } from '../../node/errors.ts'
import { outputAtBlock } from '../../node/rpc/outputRoot.ts'
import { readCommitmentHead, type AnchorCommitment } from './anchorReader.ts'
import type { WithdrawalContext } from './context.ts'
import { expectedCommitment } from './expectedCommitment.ts'
import { coveringCommitment } from './findCommitment.ts'
import { frozenAdvice } from './withdrawalStatus.ts'
import { MESSAGE_PASSER, type InitiatedWithdrawal } from './messagePassed.ts'
import { transactionWithdrawals } from './transactionWithdrawals.ts'

export interface WithdrawalProof {
  args: ProveWithdrawalArgs
  withdrawal: InitiatedWithdrawal
  payout: WithdrawalPayout
  /** The commitment proven against. */
  commitment: AnchorCommitment
  /** L2 block of the withdrawal's transaction. */
  blockNumber: bigint
}

/** A proof this node built that the anchor's verifier refuses: a bug or damaged state, never sent. */
export class WithdrawalProofError extends Error {
  override readonly name = 'WithdrawalProofError'
}

export async function proveArguments(ctx: WithdrawalContext, txHash: Uint8Array, index = 0): Promise<WithdrawalProof> {
  const tx = await transactionWithdrawals(ctx.l2, txHash)
  const txHex = bytesToHex(txHash)
  if (tx.receiptStatus === 0) throw new InvalidInputError(`transaction ${txHex} reverted: it initiated no withdrawal, there is nothing to prove`)
  if (tx.withdrawals.length === 0) {
    throw new InvalidInputError(`transaction ${txHex} initiated no withdrawal (no MessagePassed event of 0x4200…0016): withdraw with initiateWithdrawal or the token bridge's withdraw`)
  }
  const withdrawal = tx.withdrawals[index]
  if (withdrawal === undefined) {
    throw new InvalidInputError(`transaction ${txHex} initiated ${tx.withdrawals.length} withdrawal(s): index ${index} is out of range (0…${tx.withdrawals.length - 1})`)
  }
  const hashHex = bytesToHex(withdrawal.withdrawalHash)
  const chain = await ctx.anchor.chain()
  if (chain === undefined) throw new ResourceNotFoundError(`chain ${ctx.anchor.chainId} is not registered on the NoM anchor: check the bridge's chain id`)
  const record = await ctx.anchor.withdrawal(withdrawal.withdrawalHash)
  if (record?.status === 'finalized') throw new InvalidInputError(`withdrawal ${hashHex} is already finalized (paid on NoM at momentum ${record.finalizedAt}): nothing to prove`)

  const commitment = await coveringCommitment(ctx.anchor, chain.commitmentCount, tx.blockNumber)
  if (commitment === undefined) {
    const { newest } = await readCommitmentHead(ctx.anchor)
    const expected = await expectedCommitment(ctx, tx.blockNumber, newest?.l2BlockNumber, await ctx.anchor.frontier())
    const newestText = newest === undefined ? 'no commitment exists yet' : `the newest covers L2 block ${newest.l2BlockNumber}`
    throw new ResourceNotFoundError(
      `withdrawal ${hashHex} in L2 block ${tx.blockNumber} is not yet covered by a commitment: the next commitment is expected at L2 block ${expected.l2BlockNumber} (every ${expected.interval} blocks; ${newestText}); ask nomx_getWithdrawalStatus for the ETA`,
    )
  }
  if (commitment.status === 'flagged' || commitment.status === 'frozen') throw new InvalidInputError(`withdrawal ${hashHex} cannot be proven now: ${frozenAdvice(commitment)}`)

  const sealed = await ctx.l2.chain.getBlockByNumber(commitment.l2BlockNumber)
  if (sealed === undefined) {
    throw new ResourceNotFoundError(`commitment ${commitment.index} is for L2 block ${commitment.l2BlockNumber}, which this node has not reached yet (head ${ctx.l2.chain.head().block.header.number}): ask a node that has it, or retry later`)
  }
  const output = await outputAtBlock(ctx.l2, sealed)
  if (!equalsBytes(output.outputRoot, commitment.outputRoot)) {
    throw new InvalidInputError(
      `commitment ${commitment.index} commits output root ${bytesToHex(commitment.outputRoot)} for L2 block ${commitment.l2BlockNumber}, but this node's block gives ${bytesToHex(output.outputRoot)}: the anchor would refuse the proof; if this node is right, the commitment is wrong and should be flagged`,
    )
  }

  const slot = withdrawalStorageSlot(withdrawal.withdrawalHash)
  const state = await ctx.l2.stateAt(sealed.block.header)
  const proof = await state.getProof(MESSAGE_PASSER, [slot])
  const storage = proof.storageProof[0]
  if (storage === undefined) throw new StorageError(`eth_getProof of 0x4200…0016 returned no storage proof for slot ${bytesToHex(slot)}`)
  if (!equalsBytes(proof.storageHash, output.messagePasserStorageRoot)) {
    throw new StorageError(`message passer storage root differs between its account proof and the output root at block ${commitment.l2BlockNumber}`)
  }
  let stored: Uint8Array | undefined
  try {
    stored = verifySecureProof(output.messagePasserStorageRoot, slot, storage.proof)
  } catch (e) {
    throw new WithdrawalProofError(`storage proof of withdrawal ${hashHex} at block ${commitment.l2BlockNumber} does not verify: ${(e as Error).message}`, { cause: e })
  }
  if (stored === undefined || !isStorageWordOne(stored)) {
    throw new WithdrawalProofError(`withdrawal ${hashHex} is not in the message passer's storage at block ${commitment.l2BlockNumber}`)
  }

  const args: ProveWithdrawalArgs = {
    chainId: ctx.anchor.chainId,
    commitmentIndex: commitment.index,
    nonce: withdrawal.nonce,
    sender: withdrawal.sender,
    target: withdrawal.target,
    value: withdrawal.value,
    gasLimit: withdrawal.gasLimit,
    data: withdrawal.data,
    version: output.version,
    stateRoot: output.stateRoot,
    messagePasserStorageRoot: output.messagePasserStorageRoot,
    latestBlockhash: output.blockHash,
    storageProof: storage.proof,
  }
  return { args, withdrawal, payout: withdrawalPayout(withdrawal), commitment, blockNumber: tx.blockNumber }
}
