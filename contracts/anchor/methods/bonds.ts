/** PostBond / WithdrawBond: ZNN bonds per (chain, bonder); the proposer needs ≥ proposerBond to propose. */
import { EMBEDDED_SIMPLE_PLASMA, EMBEDDED_WITHDRAW_PLASMA, ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { PostBondABI, WithdrawBondABI } from '../abi.ts'
import type { ChainIdArgs } from '../abi.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { isPastWindow, requireChain } from '../guards.ts'
import type { MethodDefinition } from './defineMethod.ts'

export const postBond: MethodDefinition<ChainIdArgs> = {
  abi: PostBondABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'znn',
  async run({ args, send, state }) {
    await requireChain(state, args.chainId)
    state.putBond(args.chainId, send.address, (await state.bond(args.chainId, send.address)) + send.amount)
  },
}

/**
 * Returns the whole bond. Not for the current proposer, and only once the chain's newest commitment
 * is past its challenge window (so every commitment the bond stood for is final).
 */
export const withdrawBond: MethodDefinition<ChainIdArgs> = {
  abi: WithdrawBondABI,
  plasma: EMBEDDED_WITHDRAW_PLASMA,
  funds: 'none',
  async run({ args, send, now, state, exec }) {
    const chain = await requireChain(state, args.chainId)
    const amount = await state.bond(args.chainId, send.address)
    if (amount === 0n) fail(AnchorErrors.bondNotFound)
    if (bytesEqual(send.address, chain.proposer)) fail(AnchorErrors.proposerCannotUnbond)
    const newest = chain.nextCommitmentIndex > 1n ? await state.commitment(args.chainId, chain.nextCommitmentIndex - 1n) : undefined
    if (newest !== undefined && !isPastWindow(chain, newest, now)) fail(AnchorErrors.unbondTooEarly)
    state.putBond(args.chainId, send.address, 0n)
    exec.send({ to: send.address, token: ZNN_ZTS, amount })
  },
}
