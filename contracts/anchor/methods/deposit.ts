/** Deposit: escrows ZNN, QSR or any ZTS for an L2 recipient; gap-free per-chain index from 1; per-asset total. Never blocked by a halt. */
import { EMBEDDED_SIMPLE_PLASMA } from '../../../nom/constants.ts'
import { DepositABI } from '../abi.ts'
import type { DepositArgs } from '../abi.ts'
import { requireChain } from '../guards.ts'
import type { MethodDefinition } from './defineMethod.ts'

export const deposit: MethodDefinition<DepositArgs> = {
  abi: DepositABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'any',
  async run({ args, send, now, state }) {
    const chain = await requireChain(state, args.chainId)
    const index = chain.depositCount + 1n
    state.putDeposit(args.chainId, index, {
      sender: send.address,
      l2Recipient: args.l2Recipient,
      tokenStandard: send.tokenStandard,
      amount: send.amount,
      momentumHeight: now.height,
      momentumHash: now.hash,
      sendHash: send.hash,
    })
    const totals = await state.asset(args.chainId, send.tokenStandard)
    state.putAsset(args.chainId, send.tokenStandard, { ...totals, deposited: totals.deposited + send.amount })
    state.putChain({ ...chain, depositCount: index })
  },
}
