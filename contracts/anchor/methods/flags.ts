/**
 * Flag: anyone, with exactly the chain's flag bond in ZNN, disputes a commitment still in its
 * challenge window; it and every later commitment freeze (no finalization against them).
 * ResolveFlag: each guardian votes once; the first side to reach the quorum decides.
 * - fraud: the flagged commitment and every later one are deleted (the next proposal reuses the
 *   flagged index); the proposer's whole bond and the flag bond go to the flagger; later flags are
 *   moot and their bonds are returned.
 * - no fraud: the flag is removed and its bond stays in the anchor (counted in forfeitedFlagBonds).
 * Both name the commitment by index and output root: since the next proposals reuse deleted
 * indices, a flag or vote sent for a deleted commitment must not land on the one that took its index.
 */
import { EMBEDDED_SIMPLE_PLASMA, EMBEDDED_WITHDRAW_PLASMA, ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { FlagABI, ResolveFlagABI } from '../abi.ts'
import type { CommitmentRefArgs, ResolveFlagArgs } from '../abi.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { isGuardian, isPastWindow, requireChain } from '../guards.ts'
import type { MethodDefinition } from './defineMethod.ts'

export const flag: MethodDefinition<CommitmentRefArgs> = {
  abi: FlagABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'znn',
  async run({ args, send, now, state }) {
    const chain = await requireChain(state, args.chainId)
    if (send.amount !== chain.flagBond) fail(AnchorErrors.invalidFlagBond)
    const commitment = await state.commitment(args.chainId, args.index)
    if (commitment === undefined) fail(AnchorErrors.commitmentNotFound)
    if (!bytesEqual(commitment.outputRoot, args.outputRoot)) fail(AnchorErrors.commitmentRootMismatch)
    if ((await state.flag(args.chainId, args.index)) !== undefined) fail(AnchorErrors.alreadyFlagged)
    if (isPastWindow(chain, commitment, now)) fail(AnchorErrors.windowPassed)
    state.putFlag(args.chainId, args.index, { flagger: send.address, bond: send.amount, flaggedAt: now.height, fraudVotes: 0n, clearVotes: 0n })
  },
}

export const resolveFlag: MethodDefinition<ResolveFlagArgs> = {
  abi: ResolveFlagABI,
  plasma: EMBEDDED_WITHDRAW_PLASMA,
  funds: 'none',
  async run({ args, send, state, exec }) {
    const chain = await requireChain(state, args.chainId)
    if (!isGuardian(chain, send.address)) fail(AnchorErrors.notGuardian)
    const open = await state.flag(args.chainId, args.index)
    if (open === undefined) fail(AnchorErrors.flagNotFound)
    // An open flag's commitment exists: a fraud verdict deletes the flags with the commitments.
    const commitment = await state.commitment(args.chainId, args.index)
    if (commitment === undefined || !bytesEqual(commitment.outputRoot, args.outputRoot)) fail(AnchorErrors.commitmentRootMismatch)
    if ((await state.flagVote(args.chainId, args.index, send.address)) !== undefined) fail(AnchorErrors.alreadyVoted)

    const counted = {
      ...open,
      fraudVotes: open.fraudVotes + (args.fraud ? 1n : 0n),
      clearVotes: open.clearVotes + (args.fraud ? 0n : 1n),
    }
    if (counted.fraudVotes >= chain.quorum) {
      const payout = open.bond + (await state.bond(args.chainId, commitment.proposer))
      state.putBond(args.chainId, commitment.proposer, 0n)
      for (const later of await state.flags(args.chainId)) {
        if (later.index <= args.index) continue
        await state.deleteFlag(args.chainId, later.index)
        exec.send({ to: later.flag.flagger, token: ZNN_ZTS, amount: later.flag.bond })
      }
      await state.deleteFlag(args.chainId, args.index)
      for (let i = args.index; i < chain.nextCommitmentIndex; i++) state.deleteCommitment(args.chainId, i)
      state.putChain({ ...chain, nextCommitmentIndex: args.index })
      exec.send({ to: open.flagger, token: ZNN_ZTS, amount: payout })
      return
    }
    if (counted.clearVotes >= chain.quorum) {
      await state.deleteFlag(args.chainId, args.index)
      state.putChain({ ...chain, forfeitedFlagBonds: chain.forfeitedFlagBonds + open.bond })
      return
    }
    state.putFlagVote(args.chainId, args.index, send.address, { fraud: args.fraud })
    state.putFlag(args.chainId, args.index, counted)
  },
}
