/**
 * The L2 deposit transaction (type 0x7E) an anchor deposit becomes. Pure: the sequencer's deposit
 * watcher and the verifier both build deposits with this one function, so they derive the same bytes.
 *
 * - ZNN: from = the NoM sender's 20 raw bytes, to = the L2 recipient, mint = value = amount × 10^10
 *   (NoM ZNN has 8 decimals, L2 ZNN 18), gas 100,000 (OP's allowance for a plain value deposit), no data.
 *   If the recipient's code reverts, the mint stays with `from` (OP semantics: mint is never rolled back).
 * - any other ZTS: from = the depositor system address, to = the L2 token bridge, mint = value = 0,
 *   gas 1,000,000 (a first deposit creates the token's ERC-20: ~695,000 gas), data =
 *   finalizeDeposit(zts, nomSender, l2Recipient, amount, name, symbol, decimals).
 * - DepositCall (the record has `call`): from = the NoM sender's 20 raw bytes, to = `to`, mint = the
 *   ZNN sent × 10^10 (0 without ZNN), value, gas and data as the call names them (OP's depositTransaction).
 *   It is also how a NoM account moves what sits at its L2 address: that address has no L2 key.
 * sourceHash = keccak256(bytes32(0) ‖ keccak256(momentumHash ‖ bytes32(index))) (DESIGN.md "Deposits").
 */
import { hexToBytes } from '@ethereumjs/util'
import { DEPOSITOR_ADDRESS, L2_TOKEN_BRIDGE_ADDRESS } from '../../contracts/l2/addresses.ts'
import { encodeFinalizeDeposit } from '../../contracts/l2/systemCalldata.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { userDepositSourceHash, type DepositTx } from '../../node/deposits/depositTx.ts'

/** Wei per NoM ZNN base unit. */
export const WEI_PER_ZNN_UNIT = 10n ** 10n
/** Gas of a ZNN deposit's call to its recipient. */
export const ZNN_DEPOSIT_GAS = 100_000n
/** Gas of a ZTS deposit's finalizeDeposit call on the token bridge. */
export const ZTS_DEPOSIT_GAS = 1_000_000n


/** An anchor deposit record (`embedded.anchor.getDeposit`), in raw values. */
export interface AnchorDeposit {
  /** Per-chain deposit index, from 1, gap-free. */
  index: bigint
  /** 20 raw bytes of the NoM sender. */
  sender: Uint8Array
  /** 20-byte L2 recipient. */
  l2Recipient: Uint8Array
  /** 10 raw bytes. */
  tokenStandard: Uint8Array
  /** NoM base units. */
  amount: bigint
  /** The momentum that confirmed the Deposit send. */
  momentumHeight: bigint
  momentumHash: Uint8Array
  /** Set for a DepositCall (the anchor record's gasLimit > 0); absent for a plain Deposit. */
  call?: DepositCallFields
}

/** What a DepositCall asks the L2 to run from the sender's L2 address. */
export interface DepositCallFields {
  /** Wei sent with the call. */
  value: bigint
  gasLimit: bigint
  data: Uint8Array
}

/** NoM token metadata (`embedded.token.getByZts`), needed for ZTS deposits only. */
export interface TokenMetadata {
  name: string
  symbol: string
  decimals: number
}

export class DepositTransactionError extends Error {
  override readonly name = 'DepositTransactionError'
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

export function isZnn(tokenStandard: Uint8Array): boolean {
  return sameBytes(tokenStandard, ZNN_ZTS)
}

export function depositTransaction(deposit: AnchorDeposit, token?: TokenMetadata): DepositTx {
  if (deposit.sender.length !== 20) throw new DepositTransactionError(`deposit ${deposit.index}: sender must be 20 bytes`)
  if (deposit.l2Recipient.length !== 20) throw new DepositTransactionError(`deposit ${deposit.index}: l2Recipient must be 20 bytes`)
  if (deposit.tokenStandard.length !== 10) throw new DepositTransactionError(`deposit ${deposit.index}: tokenStandard must be 10 bytes`)
  const sourceHash = userDepositSourceHash(deposit.momentumHash, deposit.index)
  if (deposit.call !== undefined) {
    if (deposit.amount < 0n || (deposit.amount > 0n && !isZnn(deposit.tokenStandard))) {
      throw new DepositTransactionError(`deposit ${deposit.index}: a DepositCall carries ZNN or nothing`)
    }
    if (deposit.call.gasLimit <= 0n) throw new DepositTransactionError(`deposit ${deposit.index}: a DepositCall needs a gas limit`)
    const mint = deposit.amount * WEI_PER_ZNN_UNIT
    return { sourceHash, from: deposit.sender, to: deposit.l2Recipient, mint, value: deposit.call.value, gas: deposit.call.gasLimit, isSystemTx: false, data: deposit.call.data }
  }
  if (deposit.amount <= 0n) throw new DepositTransactionError(`deposit ${deposit.index}: amount must be positive`)
  if (isZnn(deposit.tokenStandard)) {
    const wei = deposit.amount * WEI_PER_ZNN_UNIT
    return { sourceHash, from: deposit.sender, to: deposit.l2Recipient, mint: wei, value: wei, gas: ZNN_DEPOSIT_GAS, isSystemTx: false, data: new Uint8Array() }
  }
  if (token === undefined) throw new DepositTransactionError(`deposit ${deposit.index}: a ZTS deposit needs the token's metadata`)
  return {
    sourceHash,
    from: hexToBytes(DEPOSITOR_ADDRESS),
    to: hexToBytes(L2_TOKEN_BRIDGE_ADDRESS),
    mint: 0n,
    value: 0n,
    gas: ZTS_DEPOSIT_GAS,
    isSystemTx: false,
    data: encodeFinalizeDeposit({
      zts: deposit.tokenStandard,
      nomSender: deposit.sender,
      to: deposit.l2Recipient,
      amount: deposit.amount,
      name: token.name,
      symbol: token.symbol,
      decimals: token.decimals,
    }),
  }
}
