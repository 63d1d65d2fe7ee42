/**
 * `nomx bridge withdraw --amount 1 --token ZNN|QSR|zts1… --to z1…`: starts a withdrawal on L2.
 * ZNN: L2ToNoMMessagePasser.initiateWithdrawal(target = the z1 address's raw 20 bytes, gasLimit 0,
 * data empty) with value = amount × 10^18 wei (parsed with NoM's 8 decimals, so it is a whole number
 * of NoM units). Any other ZTS: L2TokenBridge.withdraw(zts, amount, target) from the bridged ERC-20.
 * Prints the L2 tx hash, each MessagePassed withdrawal and the next step.
 */
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS, L2_TOKEN_BRIDGE_ADDRESS } from '../../contracts/l2/addresses.ts'
import { bridgedTokenAddress } from '../../contracts/l2/bridgedTokenAddress.ts'
import { parseAddress } from '../../nom/address.ts'
import { ZNN_DECIMALS, ZNN_ZTS } from '../../nom/constants.ts'
import { InvalidAddressError } from '../../nom/errors.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import { withdrawalsOfLogs } from '../withdrawals/messagePassed.ts'
import { WEI_PER_ZNN_UNIT } from '../deposits/depositTransaction.ts'
import { formatAmount, parseAmount } from './amount.ts'
import { DEFAULT_TIMEOUT_SECONDS, l2RpcUrl, timeoutMs } from './endpoints.ts'
import { BridgeUserError } from './errors.ts'
import { parseFlags, requireFlag } from './flags.ts'
import { encodeBalanceOf, encodeDecimals, encodeInitiateWithdrawal, encodeTokenBridgeWithdraw } from './l2Calldata.ts'
import { L2_KEY_HELP, loadL2Key, type L2Key } from './l2Key.ts'
import { createL2Rpc, type L2Rpc } from './l2Rpc.ts'
import { prepareL2Call, sendL2Call, type L2Call, type L2ReceiptJSON } from './l2Transaction.ts'
import { NOM_KEY_FLAGS } from './nomKey.ts'
import type { Output } from './output.ts'
import { tokenStandardOf } from './tokens.ts'
import { tryWithdrawalStatus } from './withdrawalStatusRpc.ts'

export const WITHDRAW_HELP = `usage: nomx bridge withdraw --amount AMOUNT --token ZNN|QSR|zts1… --to z1… [options]

Starts a withdrawal from your L2 account to a NoM address: ZNN through the message passer
(0x4200…0016), other tokens through the token bridge (0x4200…0010), which burns them on L2. Prints
the L2 transaction and when it can be proven on NoM (nomx bridge prove --tx …).

options:
  --amount AMOUNT          decimal amount (ZNN: at most 8 decimals, NoM's)
  --token TOKEN            ZNN, QSR or a zts1… token standard bridged to this L2
  --to z1…                 the NoM address to pay
  --l2-rpc URL             L2 node (env NOMX_L2_RPC, default http://127.0.0.1:8545)
  --timeout SECONDS        longest wait for the L2 transaction (default ${DEFAULT_TIMEOUT_SECONDS})

${L2_KEY_HELP}`

function uint(hex: string): bigint {
  return hex === '0x' ? 0n : BigInt(hex)
}

async function ztsCall(l2: L2Rpc, key: L2Key, zts: Uint8Array, amountText: string, target: Uint8Array, label: string): Promise<{ call: L2Call; shown: string }> {
  const token = bytesToHex(bridgedTokenAddress(zts))
  const code = await l2.call<string>('eth_getCode', [token, 'latest'])
  if (code === '0x') throw new BridgeUserError(`${label} has never been bridged to this L2 (its token contract ${token} does not exist): deposit some first with nomx bridge deposit`)
  const decimals = Number(uint(await l2.call<string>('eth_call', [{ to: token, data: bytesToHex(encodeDecimals()) }, 'latest'])))
  const amount = parseAmount(amountText, decimals, label)
  const balance = uint(await l2.call<string>('eth_call', [{ to: token, data: bytesToHex(encodeBalanceOf(key.address)) }, 'latest']))
  if (balance < amount) {
    throw new BridgeUserError(`not enough ${label} on L2 ${bytesToHex(key.address)}: it has ${formatAmount(balance, decimals)}, the withdrawal needs ${formatAmount(amount, decimals)}`)
  }
  return {
    call: { to: hexToBytes(L2_TOKEN_BRIDGE_ADDRESS), value: 0n, data: encodeTokenBridgeWithdraw(zts, amount, target), label: 'token bridge withdraw' },
    shown: `${formatAmount(amount, decimals)} ${label}`,
  }
}

export async function runWithdraw(args: string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  const flags = parseFlags('withdraw', args, { values: ['amount', 'token', 'to', 'l2-rpc', 'timeout', ...NOM_KEY_FLAGS] })
  const amountText = requireFlag('withdraw', flags, 'amount', 'how much to withdraw')
  const tokenText = requireFlag('withdraw', flags, 'token', 'ZNN, QSR or zts1…')
  const tokenStandard = tokenStandardOf(tokenText)
  const toText = requireFlag('withdraw', flags, 'to', 'the NoM address z1… to pay')
  let target: Uint8Array
  try {
    target = parseAddress(toText)
  } catch (error) {
    if (error instanceof InvalidAddressError) throw new BridgeUserError(`--to must be a NoM address (z1…): ${error.message}`)
    throw error
  }
  const isZnn = bytesEqual(tokenStandard, ZNN_ZTS)
  const label = isZnn ? 'ZNN' : /^(znn|qsr)$/i.test(tokenText) ? tokenText.toUpperCase() : formatTokenStandard(tokenStandard)
  const znnUnits = isZnn ? parseAmount(amountText, ZNN_DECIMALS, 'ZNN') : 0n
  const key = await loadL2Key(flags, env)
  const limitMs = timeoutMs(flags)
  const l2 = createL2Rpc(l2RpcUrl(flags, env))

  const { call, shown } = isZnn
    ? {
        call: { to: hexToBytes(L2_TO_NOM_MESSAGE_PASSER_ADDRESS), value: znnUnits * WEI_PER_ZNN_UNIT, data: encodeInitiateWithdrawal(target, 0n, new Uint8Array()), label: 'initiateWithdrawal' },
        shown: `${formatAmount(znnUnits, ZNN_DECIMALS)} ZNN`,
      }
    : await ztsCall(l2, key, tokenStandard, amountText, target, label)
  const from = bytesToHex(key.address)
  if (isZnn) {
    const balance = uint(await l2.call<string>('eth_getBalance', [from, 'latest']))
    if (balance < call.value) throw new BridgeUserError(`not enough ZNN on L2 ${from}: it has ${formatAmount(balance, 18)}, the withdrawal needs ${shown} plus the fee`)
  }
  const prepared = await prepareL2Call(l2, key, call)
  const fee = prepared.gasLimit * prepared.maxFeePerGas
  const native = uint(await l2.call<string>('eth_getBalance', [from, 'latest']))
  if (native < call.value + fee) {
    throw new BridgeUserError(`not enough ZNN on L2 ${from} for ${isZnn ? 'the amount and ' : ''}the fee: it has ${formatAmount(native, 18)}, needs up to ${formatAmount(call.value + fee, 18)}`)
  }
  out.progress(`withdrawing ${shown} from ${from} to ${toText}`)
  const receipt = await sendL2Call(l2, key, call, prepared, out, limitMs)
  out.result(`L2 tx: ${receipt.transactionHash}`)
  out.result(`L2 block: ${uint(receipt.blockNumber)}`)
  if (receipt.status !== '0x1') throw new BridgeUserError(`L2 tx ${receipt.transactionHash} reverted: no withdrawal was started (your tokens are untouched; only the fee was spent)`)
  for (const w of withdrawalsOfReceipt(receipt)) {
    out.result(`withdrawal hash: ${bytesToHex(w.withdrawalHash)}`)
    out.result(`withdrawal nonce: ${w.nonce}`)
  }
  await printNextStep(l2, receipt, out)
  return 0
}

function withdrawalsOfReceipt(receipt: L2ReceiptJSON) {
  return withdrawalsOfLogs(
    receipt.logs.map((log) => ({
      address: hexToBytes(log.address as `0x${string}`),
      topics: log.topics.map((t) => hexToBytes(t as `0x${string}`)),
      data: hexToBytes(log.data as `0x${string}`),
      logIndex: Number(log.logIndex),
      blockNumber: uint(receipt.blockNumber),
      blockHash: hexToBytes(receipt.blockHash as `0x${string}`),
      blockTimestamp: 0n,
      transactionHash: hexToBytes(receipt.transactionHash as `0x${string}`),
      transactionIndex: 0,
      removed: false,
    })),
  )
}

async function printNextStep(l2: L2Rpc, receipt: L2ReceiptJSON, out: Output): Promise<void> {
  const hash = receipt.transactionHash
  const status = await tryWithdrawalStatus(l2, hash)
  const first = status?.withdrawals[0]
  if (first?.expectedCommitment != null) {
    const e = first.expectedCommitment
    const eta = e.etaSeconds === null ? 'depends on L2 traffic' : `expected in about ${Math.ceil(e.etaSeconds)} s`
    out.result(`next: prove after the commitment covering block ${uint(receipt.blockNumber)}, expected at L2 block ${uint(e.l2BlockNumber)} (every ${uint(e.interval)} blocks; ${eta}): nomx bridge prove --tx ${hash}`)
    return
  }
  if (first !== undefined) {
    out.result(`next: ${first.next} (nomx bridge prove --tx ${hash})`)
    return
  }
  out.result(`next: once a commitment covers L2 block ${uint(receipt.blockNumber)}, nomx bridge prove --tx ${hash} (nomx bridge status --tx ${hash} shows when)`)
}
