/**
 * Time-challenged administrator changes: ChangeAdministrator (anchor-wide), and per chain
 * NominateGuardians, SetChainParams, ChangeProposer. Order in each: static checks, administrator,
 * chain exists, then the time challenge (first call records, a due repeat executes).
 */
import { EMBEDDED_SIMPLE_PLASMA } from '../../../nom/constants.ts'
import { isUserAddress } from '../../../nom/address.ts'
import { ChangeAdministratorABI, ChangeProposerABI, NominateGuardiansABI, SetChainParamsABI } from '../abi.ts'
import type { ChangeAdministratorArgs, ChangeProposerArgs, NominateGuardiansArgs, SetChainParamsArgs } from '../abi.ts'
import { checkChainParams, checkGuardians, checkProposer } from '../chainParams.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { requireAdministrator, requireChain } from '../guards.ts'
import * as K from '../storageKeys.ts'
import { passTimeChallenge } from '../timeChallenge.ts'
import type { MethodDefinition } from './defineMethod.ts'

/** Chain id under which anchor-wide time challenges are kept. */
export const ANCHOR_WIDE = 0n

export const changeAdministrator: MethodDefinition<ChangeAdministratorArgs> = {
  abi: ChangeAdministratorABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  check(a) {
    if (!isUserAddress(a.administrator)) fail(AnchorErrors.invalidAdministrator)
  },
  async run({ args, send, now, state, config }) {
    await requireAdministrator(state, send.address)
    if (!(await passTimeChallenge(state, ANCHOR_WIDE, ChangeAdministratorABI, send, now, config.administratorDelay))) return
    state.putAdministrator(args.administrator)
  },
}

export const nominateGuardians: MethodDefinition<NominateGuardiansArgs> = {
  abi: NominateGuardiansABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  check(a) {
    checkGuardians(a.guardians, a.quorum)
  },
  async run({ args, send, now, state, config }) {
    await requireAdministrator(state, send.address)
    const chain = await requireChain(state, args.chainId)
    if (!(await passTimeChallenge(state, args.chainId, NominateGuardiansABI, send, now, config.administratorDelay))) return
    // Votes of the old set do not carry over: pending halt votes go, open flags restart their count.
    await state.deleteAll(K.haltVotesPrefix(args.chainId))
    for (const { index, flag } of await state.flags(args.chainId)) {
      await state.deleteAll(K.flagVotesPrefix(args.chainId, index))
      state.putFlag(args.chainId, index, { ...flag, fraudVotes: 0n, clearVotes: 0n })
    }
    state.putChain({ ...chain, guardians: args.guardians, quorum: args.quorum })
  },
}

export const setChainParams: MethodDefinition<SetChainParamsArgs> = {
  abi: SetChainParamsABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  check(a) {
    checkChainParams(a)
  },
  async run({ args, send, now, state, config }) {
    await requireAdministrator(state, send.address)
    const chain = await requireChain(state, args.chainId)
    if (!(await passTimeChallenge(state, args.chainId, SetChainParamsABI, send, now, config.administratorDelay))) return
    state.putChain({
      ...chain,
      challengeWindow: args.challengeWindow,
      sequencingWindow: args.sequencingWindow,
      depositConfirmations: args.depositConfirmations,
      proposerBond: args.proposerBond,
      flagBond: args.flagBond,
      unhaltCooldown: args.unhaltCooldown,
    })
  },
}

export const changeProposer: MethodDefinition<ChangeProposerArgs> = {
  abi: ChangeProposerABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  check(a) {
    checkProposer(a.proposer)
  },
  async run({ args, send, now, state, config }) {
    await requireAdministrator(state, send.address)
    const chain = await requireChain(state, args.chainId)
    if (!(await passTimeChallenge(state, args.chainId, ChangeProposerABI, send, now, config.administratorDelay))) return
    state.putChain({ ...chain, proposer: args.proposer })
  },
}
