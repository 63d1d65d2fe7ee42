/**
 * ProveWithdrawal: recompute the OP withdrawal hash, check the output-root preimage against the
 * commitment, and verify the secure-MPT proof that sentMessages[hash] = 1 in the message passer's
 * storage trie. Proofs are kept per prover, so a later prover never resets another's record.
 * FinalizeWithdrawal: after the commitment's challenge window, once, not while frozen or halted,
 * never above what was deposited of that asset.
 */
import { EMBEDDED_DOUBLE_WITHDRAW_PLASMA, EMBEDDED_WITHDRAW_PLASMA } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { FinalizeWithdrawalABI, ProveWithdrawalABI } from '../abi.ts'
import type { FinalizeWithdrawalArgs, ProveWithdrawalArgs } from '../abi.ts'
import { ZERO_ADDRESS } from '../../../nom/address.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { isPastWindow, requireChain, requireWithdrawalsOpen } from '../guards.ts'
import { hashOutputRootProof, OUTPUT_ROOT_VERSION_0 } from '../outputRoot.ts'
import { isStorageWordOne, StorageProofError, verifySecureProof } from '../secureStorageProof.ts'
import { hashWithdrawal, withdrawalStorageSlot } from '../withdrawalHash.ts'
import { withdrawalPayout } from '../withdrawalPayout.ts'
import type { MethodDefinition } from './defineMethod.ts'

export const proveWithdrawal: MethodDefinition<ProveWithdrawalArgs> = {
  abi: ProveWithdrawalABI,
  plasma: EMBEDDED_DOUBLE_WITHDRAW_PLASMA,
  funds: 'none',
  check(a) {
    if (!bytesEqual(a.version, OUTPUT_ROOT_VERSION_0)) fail(AnchorErrors.unsupportedOutputVersion)
    withdrawalPayout(a)
  },
  async run({ args: a, send, now, state }) {
    const chain = await requireChain(state, a.chainId)
    requireWithdrawalsOpen(chain, now)
    const commitment = await state.commitment(a.chainId, a.commitmentIndex)
    if (commitment === undefined) fail(AnchorErrors.commitmentNotFound)
    if (!bytesEqual(hashOutputRootProof(a), commitment.outputRoot)) fail(AnchorErrors.outputRootMismatch)

    const hash = hashWithdrawal(a)
    const existing = await state.withdrawal(a.chainId, hash)
    if (existing?.finalized === true) fail(AnchorErrors.alreadyFinalized)
    const mine = await state.provenWithdrawal(a.chainId, hash, send.address)
    if (mine !== undefined) {
      const still = await state.commitment(a.chainId, mine.commitmentIndex)
      if (still !== undefined && bytesEqual(still.outputRoot, mine.outputRoot)) fail(AnchorErrors.alreadyProven)
    }

    let stored: Uint8Array | undefined
    try {
      stored = verifySecureProof(a.messagePasserStorageRoot, withdrawalStorageSlot(hash), a.storageProof)
    } catch (e) {
      if (e instanceof StorageProofError) fail(AnchorErrors.invalidStorageProof, e.message)
      throw e
    }
    if (stored === undefined || !isStorageWordOne(stored)) fail(AnchorErrors.notInMessagePasser)

    if (existing === undefined) {
      const payout = withdrawalPayout(a)
      state.putWithdrawal(a.chainId, hash, { ...payout, finalized: false, finalizedAt: 0n, finalizedBy: ZERO_ADDRESS })
    }
    state.putProvenWithdrawal(a.chainId, hash, send.address, {
      commitmentIndex: a.commitmentIndex,
      outputRoot: commitment.outputRoot,
      provenAt: now.height,
    })
  },
}

export const finalizeWithdrawal: MethodDefinition<FinalizeWithdrawalArgs> = {
  abi: FinalizeWithdrawalABI,
  plasma: EMBEDDED_WITHDRAW_PLASMA,
  funds: 'none',
  async run({ args, send, now, state, exec }) {
    const chain = await requireChain(state, args.chainId)
    requireWithdrawalsOpen(chain, now)
    const withdrawal = await state.withdrawal(args.chainId, args.withdrawalHash)
    if (withdrawal === undefined) fail(AnchorErrors.notProven)
    if (withdrawal.finalized) fail(AnchorErrors.alreadyFinalized)
    const proof = await state.provenWithdrawal(args.chainId, args.withdrawalHash, args.prover)
    if (proof === undefined) fail(AnchorErrors.notProvenByProver)
    const commitment = await state.commitment(args.chainId, proof.commitmentIndex)
    if (commitment === undefined || !bytesEqual(commitment.outputRoot, proof.outputRoot)) fail(AnchorErrors.provenCommitmentGone)
    const frozenFrom = await state.lowestFlaggedIndex(args.chainId)
    if (frozenFrom !== undefined && frozenFrom <= proof.commitmentIndex) fail(AnchorErrors.commitmentFlagged)
    if (!isPastWindow(chain, commitment, now)) fail(AnchorErrors.windowNotPassed)
    const totals = await state.asset(args.chainId, withdrawal.tokenStandard)
    if (totals.released + withdrawal.amount > totals.deposited) fail(AnchorErrors.releaseExceedsDeposits)

    state.putAsset(args.chainId, withdrawal.tokenStandard, { ...totals, released: totals.released + withdrawal.amount })
    state.putWithdrawal(args.chainId, args.withdrawalHash, { ...withdrawal, finalized: true, finalizedAt: now.height, finalizedBy: send.address })
    if (withdrawal.amount > 0n) exec.send({ to: withdrawal.target, token: withdrawal.tokenStandard, amount: withdrawal.amount })
  },
}
