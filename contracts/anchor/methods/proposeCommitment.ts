/** ProposeCommitment: the proposer's state-root claim for an L2 block, with reorg and forced-inclusion guards. */
import { EMBEDDED_SIMPLE_PLASMA } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { ProposeCommitmentABI } from '../abi.ts'
import type { ProposeCommitmentArgs } from '../abi.ts'
import { RESOLVER_GUARDIANS } from '../constants.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { requireChain } from '../guards.ts'
import type { MethodDefinition } from './defineMethod.ts'

export const proposeCommitment: MethodDefinition<ProposeCommitmentArgs> = {
  abi: ProposeCommitmentABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  async run({ args: a, send, now, state, exec }) {
    const chain = await requireChain(state, a.chainId)
    if (!bytesEqual(send.address, chain.proposer)) fail(AnchorErrors.notProposer)
    if ((await state.bond(a.chainId, send.address)) < chain.proposerBond) fail(AnchorErrors.proposerNotBonded)
    if (a.index !== chain.nextCommitmentIndex) fail(AnchorErrors.indexNotNext)
    const previous = a.index > 1n ? await state.commitment(a.chainId, a.index - 1n) : undefined
    if (previous !== undefined && a.l2BlockNumber <= previous.l2BlockNumber) fail(AnchorErrors.l2BlockNotAdvancing)

    if (a.originMomentumHeight > now.height) fail(AnchorErrors.originInFuture)
    if (previous !== undefined && a.originMomentumHeight < previous.originMomentumHeight) fail(AnchorErrors.originBackwards)
    const origin = a.originMomentumHeight === now.height ? now : await exec.ledger.getMomentumByHeight(a.originMomentumHeight)
    if (origin === undefined || !bytesEqual(origin.hash, a.originMomentumHash)) fail(AnchorErrors.originNotCanonical)

    if (previous !== undefined && a.lastDepositIndex < previous.lastDepositIndex) fail(AnchorErrors.depositIndexBackwards)
    if (a.lastDepositIndex > chain.depositCount) fail(AnchorErrors.depositIndexBeyondLast)
    if (a.lastDepositIndex > 0n) {
      const last = await state.deposit(a.chainId, a.lastDepositIndex)
      if (last === undefined || last.momentumHeight > a.originMomentumHeight) fail(AnchorErrors.depositBeyondOrigin)
    }
    // Forced inclusion: every deposit confirmed at or before now − sequencingWindow must be covered.
    // Deposit momentums never decrease with the index, so the first uncovered deposit decides.
    const firstUncovered = await state.deposit(a.chainId, a.lastDepositIndex + 1n)
    if (firstUncovered !== undefined && firstUncovered.momentumHeight + chain.sequencingWindow <= now.height) fail(AnchorErrors.depositSkipped)

    state.putCommitment(a.chainId, a.index, {
      l2BlockNumber: a.l2BlockNumber,
      outputRoot: a.outputRoot,
      originMomentumHeight: a.originMomentumHeight,
      originMomentumHash: a.originMomentumHash,
      lastDepositIndex: a.lastDepositIndex,
      framesHash: a.framesHash,
      proposer: send.address,
      proposedAt: now.height,
      sendHash: send.hash,
      resolverType: RESOLVER_GUARDIANS,
    })
    state.putChain({ ...chain, nextCommitmentIndex: a.index + 1n })
  },
}
