/**
 * Halt / Unhalt: the administrator acts at once; a guardian's call is a vote, and the action happens
 * when votes reach the quorum (votes of that action are then cleared). A halt stops ProveWithdrawal
 * and FinalizeWithdrawal (never deposits, frames or commitments); after an unhalt they stay closed
 * until unhaltedAt + unhaltCooldown < now.
 */
import type { Address, Momentum } from '../../../nom/types.ts'
import { EMBEDDED_SIMPLE_PLASMA } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { HaltABI, UnhaltABI } from '../abi.ts'
import type { ChainIdArgs } from '../abi.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { isGuardian, requireChain } from '../guards.ts'
import type { ChainRecord } from '../records.ts'
import type { AnchorWriter } from '../state.ts'
import { HaltAction, haltVotesPrefix } from '../storageKeys.ts'
import type { MethodDefinition } from './defineMethod.ts'

/** True when the action should happen now (administrator, or the guardian vote that reaches quorum). */
async function authorize(state: AnchorWriter, chain: ChainRecord, action: HaltAction, sender: Address, now: Momentum): Promise<boolean> {
  if (bytesEqual(await state.administrator(), sender)) return true
  if (!isGuardian(chain, sender)) fail(AnchorErrors.permissionDenied)
  if ((await state.haltVote(chain.chainId, action, sender)) !== undefined) fail(AnchorErrors.alreadyVoted)
  const votes = BigInt((await state.haltVotes(chain.chainId, action)).length) + 1n
  if (votes >= chain.quorum) return true
  state.putHaltVote(chain.chainId, action, sender, { votedAt: now.height })
  return false
}

export const halt: MethodDefinition<ChainIdArgs> = {
  abi: HaltABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  async run({ args, send, now, state }) {
    const chain = await requireChain(state, args.chainId)
    if (chain.halted) fail(AnchorErrors.alreadyHalted)
    if (!(await authorize(state, chain, HaltAction.halt, send.address, now))) return
    await state.deleteAll(haltVotesPrefix(args.chainId, HaltAction.halt))
    state.putChain({ ...chain, halted: true, haltedAt: now.height })
  },
}

export const unhalt: MethodDefinition<ChainIdArgs> = {
  abi: UnhaltABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  async run({ args, send, now, state }) {
    const chain = await requireChain(state, args.chainId)
    if (!chain.halted) fail(AnchorErrors.notHalted)
    if (!(await authorize(state, chain, HaltAction.unhalt, send.address, now))) return
    await state.deleteAll(haltVotesPrefix(args.chainId, HaltAction.unhalt))
    state.putChain({ ...chain, halted: false, unhaltedAt: now.height })
  },
}
