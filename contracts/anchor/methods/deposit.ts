/**
 * Deposit and DepositCall: escrow funds for the L2 under a gap-free per-chain index from 1 and add
 * them to the per-asset total. Never blocked by a halt.
 * - Deposit(chainId, l2Recipient): any ZTS, amount > 0; the L2 derives a fixed transaction from it
 *   (ZNN: value to the recipient; other ZTS: the token bridge mints).
 * - DepositCall(chainId, to, value, gasLimit, data): ZNN or nothing; the L2 runs exactly this call
 *   from the sender's L2 address after minting the ZNN (OP's depositTransaction). Its use beyond
 *   contract calls: the sender's L2 address has no L2 key (NoM keys are ed25519), so this is how a
 *   NoM account moves what a failed deposit left there.
 */
import { EMBEDDED_SIMPLE_PLASMA } from '../../../nom/constants.ts'
import { DepositABI, DepositCallABI } from '../abi.ts'
import type { DepositArgs, DepositCallArgs } from '../abi.ts'
import {
  DEPOSIT_CALL_BASE_GAS,
  DEPOSIT_CALL_GAS_PER_BYTE,
  DEPOSIT_CALL_PLASMA_PER_BYTE,
  MAX_DEPOSIT_CALL_DATA,
  MAX_DEPOSIT_CALL_GAS,
} from '../constants.ts'
import { AnchorErrors, fail } from '../errors.ts'
import { requireChain } from '../guards.ts'
import type { Call, MethodDefinition } from './defineMethod.ts'

async function recordDeposit(
  { send, now, state }: Call<unknown>,
  chainId: bigint,
  l2Recipient: Uint8Array,
  call: { value: bigint; gasLimit: bigint; data: Uint8Array },
): Promise<void> {
  const chain = await requireChain(state, chainId)
  const index = chain.depositCount + 1n
  state.putDeposit(chainId, index, {
    sender: send.address,
    l2Recipient,
    tokenStandard: send.tokenStandard,
    amount: send.amount,
    momentumHeight: now.height,
    momentumHash: now.hash,
    sendHash: send.hash,
    ...call,
  })
  if (send.amount > 0n) {
    const totals = await state.asset(chainId, send.tokenStandard)
    state.putAsset(chainId, send.tokenStandard, { ...totals, deposited: totals.deposited + send.amount })
  }
  state.putChain({ ...chain, depositCount: index })
}

export const deposit: MethodDefinition<DepositArgs> = {
  abi: DepositABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  funds: 'any',
  run: (call) => recordDeposit(call, call.args.chainId, call.args.l2Recipient, { value: 0n, gasLimit: 0n, data: new Uint8Array() }),
}

export const depositCall: MethodDefinition<DepositCallArgs> = {
  abi: DepositCallABI,
  plasma: EMBEDDED_SIMPLE_PLASMA,
  plasmaFor: (data) => EMBEDDED_SIMPLE_PLASMA + DEPOSIT_CALL_PLASMA_PER_BYTE * BigInt(data.length),
  funds: 'znnOrNone',
  check(args) {
    if (args.data.length > MAX_DEPOSIT_CALL_DATA) fail(AnchorErrors.depositDataTooLarge)
    if (args.gasLimit < DEPOSIT_CALL_BASE_GAS + DEPOSIT_CALL_GAS_PER_BYTE * BigInt(args.data.length)) fail(AnchorErrors.depositGasTooLow)
    if (args.gasLimit > MAX_DEPOSIT_CALL_GAS) fail(AnchorErrors.depositGasTooHigh)
  },
  run: (call) => recordDeposit(call, call.args.chainId, call.args.to, { value: call.args.value, gasLimit: call.args.gasLimit, data: call.args.data }),
}
