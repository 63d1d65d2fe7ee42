/**
 * Runs one deposit transaction (type 0x7E) with OP Stack's rules (Regolith, Canyon):
 * - `mint` is credited to `from` first and is never rolled back;
 * - no fee: gas price 0, nothing to the coinbase or the fee vault; the gas is paid on NoM;
 * - the call or create runs from `from` with the deposit's gas, at `from`'s current nonce;
 * - if the EVM fails (revert, out of gas…) its state changes revert as for any tx, the nonce stays
 *   incremented, the receipt is failed and gasUsed is the gas actually used;
 * - if the deposit cannot run at all (intrinsic gas above `gas`, `value` above the balance after the
 *   mint, oversized init code, sender with code), everything but the mint reverts, the nonce is
 *   still incremented and the failed receipt uses the whole `gas` (op-geth's "failed deposit").
 *
 * The EVM sees the block's header except its base fee, which reads as 0 (BASEFEE opcode) because
 * @ethereumjs/vm refuses a tx whose fee cap is under the base fee; GASPRICE is 0 as on OP.
 */
import { createLegacyTx } from '@ethereumjs/tx'
import { Account, Address, bigIntToUnpaddedBytes, generateAddress } from '@ethereumjs/util'
import { runTx } from '@ethereumjs/vm'
import type { Block } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import type { PostByzantiumTxReceipt, VM } from '@ethereumjs/vm'
import type { ExecutedReceipt } from '../chain/receiptCodec.ts'
import { DEPOSIT_RECEIPT_VERSION, DEPOSIT_TX_TYPE, type DepositTx } from '../deposits/depositTx.ts'
import { PRELOADED_PARAMS } from './chainCommon.ts'

export interface ExecutedDeposit {
  receipt: ExecutedReceipt
  /** Sender nonce before the deposit (= receipt.depositNonce). */
  nonce: bigint
  /** Why the deposit could not run at all (failed deposit), if so. */
  failure?: string
}

/**
 * `block` is the block being built with a zero base fee (the EVM context of deposits);
 * `blockGasUsed` the gas used by the block's earlier txs. The caller checks the deposit's gas fits.
 */
export async function executeDeposit(vm: VM, common: Common, block: Block, deposit: DepositTx, blockGasUsed: bigint): Promise<ExecutedDeposit> {
  const state = vm.stateManager
  const from = new Address(deposit.from)
  const account = (await state.getAccount(from)) ?? new Account()
  if (deposit.mint > 0n) {
    account.balance += deposit.mint
    await state.putAccount(from, account)
  }
  const nonce = account.nonce
  const contractAddress = deposit.to === null ? generateAddress(deposit.from, bigIntToUnpaddedBytes(nonce)) : null
  const base = { type: DEPOSIT_TX_TYPE, effectiveGasPrice: 0n, contractAddress, depositNonce: nonce, depositReceiptVersion: DEPOSIT_RECEIPT_VERSION }

  try {
    const tx = createLegacyTx(
      {
        nonce,
        gasPrice: 0n,
        gasLimit: deposit.gas,
        ...(deposit.to === null ? {} : { to: deposit.to }),
        value: deposit.value,
        data: deposit.data,
      },
      { common, freeze: false, params: PRELOADED_PARAMS },
    )
    tx.getSenderAddress = () => from
    const result = await runTx(vm, { tx, block, skipHardForkValidation: true, blockGasUsed })
    const receipt = result.receipt as PostByzantiumTxReceipt
    return {
      nonce,
      receipt: {
        ...base,
        status: receipt.status,
        cumulativeGasUsed: blockGasUsed + result.totalGasSpent,
        gasUsed: result.totalGasSpent,
        logs: receipt.logs.map(([address, topics, data]) => ({ address, topics, data })),
        logsBloom: receipt.bitvector,
      },
    }
  } catch (error) {
    // runTx reverted its own changes; the mint (made before it) stays. The nonce still moves on.
    const after = (await state.getAccount(from)) ?? new Account()
    after.nonce = nonce + 1n
    await state.putAccount(from, after)
    const failure = failureReason((error as Error).message)
    return {
      nonce,
      failure,
      receipt: { ...base, status: 0, cumulativeGasUsed: blockGasUsed + deposit.gas, gasUsed: deposit.gas, logs: [] },
    }
  }
}

/** geth's words for why a deposit could not run (as op-geth's `failed deposit: …`), else the VM's message. */
function failureReason(message: string): string {
  if (message.includes("doesn't have enough funds")) return 'insufficient funds for transfer'
  if (message.startsWith('INTRINSIC_GAS_TOO_LOW')) return 'intrinsic gas too low'
  return message.split(' (vm hf=')[0]?.split(' -- ')[0] ?? message
}
