/** CreateChain (administrator): registers an extension chain with its proposer, windows, guardians and bonds. */
import { EMBEDDED_SIMPLE_PLASMA } from '../../../nom/constants.ts'
import { CreateChainABI } from '../abi.ts'
import type { CreateChainArgs } from '../abi.ts'
import { checkChainParams, checkGuardians, checkProposer } from '../chainParams.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { requireAdministrator } from '../guards.ts'
import type { MethodDefinition } from './defineMethod.ts'

export const createChain: MethodDefinition<CreateChainArgs> = {
  abi: CreateChainABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'none',
  check(a) {
    if (a.chainId === 0n) fail(AnchorErrors.invalidChainId)
    checkProposer(a.proposer)
    checkChainParams(a)
    checkGuardians(a.guardians, a.quorum)
  },
  async run({ args: a, send, now, state }) {
    await requireAdministrator(state, send.address)
    if ((await state.chain(a.chainId)) !== undefined) fail(AnchorErrors.chainExists)
    state.putChain({
      chainId: a.chainId,
      proposer: a.proposer,
      challengeWindow: a.challengeWindow,
      sequencingWindow: a.sequencingWindow,
      depositConfirmations: a.depositConfirmations,
      guardians: a.guardians,
      quorum: a.quorum,
      proposerBond: a.proposerBond,
      flagBond: a.flagBond,
      unhaltCooldown: a.unhaltCooldown,
      halted: false,
      haltedAt: 0n,
      unhaltedAt: 0n,
      depositCount: 0n,
      frameCount: 0n,
      nextCommitmentIndex: 1n,
      forfeitedFlagBonds: 0n,
      createdAt: now.height,
    })
  },
}
