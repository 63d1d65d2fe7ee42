/**
 * `nomx bridge status --tx 0x…` (a withdrawal: nomx_getWithdrawalStatus, pretty-printed) or
 * `nomx bridge status --deposit N` (an anchor deposit and its L2 transaction). `--json` prints the
 * node's answer unchanged.
 */
import { getChain, getDeposit, type AnchorChain } from '../../contracts/anchor/rpc/client.ts'
import { formatAddress } from '../../nom/address.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import { toHex } from '../../nom/hash.ts'
import { formatAmount } from './amount.ts'
import { depositL2TxHash } from './anchorDeposits.ts'
import { ENDPOINT_FLAGS, ENDPOINT_HELP, l2RpcUrl, nomRpcUrl, resolveChainId } from './endpoints.ts'
import { BridgeUserError } from './errors.ts'
import { integerFlag, parseFlags, type Flags } from './flags.ts'
import { parseHash32 } from './l2Address.ts'
import { createL2Rpc, type L2Rpc } from './l2Rpc.ts'
import { aboutSeconds, whenMomentum } from './momentumTiming.ts'
import { connectNoM } from './nomConnection.ts'
import type { Output } from './output.ts'
import { nomToken } from './tokens.ts'
import { describePayout } from './payout.ts'
import { callBridgeMethod, type TransactionStatusJSON, type WithdrawalStatusJSON } from './withdrawalStatusRpc.ts'

export const STATUS_HELP = `usage: nomx bridge status (--tx 0x… | --deposit INDEX) [options]

Where a withdrawal stands (initiated → provable → proven → finalizable → finalized, or flagged,
frozen, failed) and what to do next; or whether a deposit has reached the L2.

options:
  --tx 0x…                 an L2 withdrawal transaction
  --deposit INDEX          an anchor deposit index (printed by nomx bridge deposit)
  --json                   print the node's JSON answer
${ENDPOINT_HELP}`

const num = (hex: string) => BigInt(hex)

export async function runStatus(args: string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  const flags = parseFlags('status', args, { values: ['tx', 'deposit', ...ENDPOINT_FLAGS], booleans: ['json'] })
  const tx = flags.get('tx')
  const deposit = integerFlag(flags, 'deposit')
  if ((tx === undefined) === (deposit === undefined)) throw new BridgeUserError('give either --tx 0x… or --deposit INDEX: see nomx bridge status --help')
  const l2 = createL2Rpc(l2RpcUrl(flags, env))
  if (tx !== undefined) {
    parseHash32(tx, '--tx')
    return withdrawalStatus(l2, tx, flags, out)
  }
  return depositStatus(l2, deposit!, flags, env, out)
}

async function withdrawalStatus(l2: L2Rpc, tx: string, flags: Flags, out: Output): Promise<number> {
  const status = await callBridgeMethod<TransactionStatusJSON>(l2, 'nomx_getWithdrawalStatus', [tx])
  if (flags.has('json')) {
    out.result(JSON.stringify(status, null, 2))
    return 0
  }
  out.result(`tx: ${status.transactionHash} (L2 block ${num(status.blockNumber)}, ${status.transactionStatus})`)
  out.result(`status: ${status.status}`)
  if (status.reason !== null) out.result(`reason: ${status.reason}`)
  if (status.withdrawalsBlocked != null) out.result(`withdrawals blocked: ${status.withdrawalsBlocked}`)
  for (const [i, w] of status.withdrawals.entries()) await printWithdrawal(w, i, status, out)
  return 0
}

async function printWithdrawal(w: WithdrawalStatusJSON, i: number, tx: TransactionStatusJSON, out: Output): Promise<void> {
  const frontier = num(tx.nomFrontier.height)
  const pad = '  '
  out.result(`withdrawal ${i}: ${w.withdrawalHash}`)
  out.result(`${pad}pays: ${await describePayout(w.payout)}`)
  out.result(`${pad}status: ${w.status}`)
  const e = w.expectedCommitment
  if (e !== null) {
    const eta = e.etaSeconds === null ? 'depends on L2 traffic' : aboutSeconds(1n, e.etaSeconds)
    out.result(`${pad}expected commitment: for L2 block ${num(e.l2BlockNumber)} (every ${num(e.interval)} blocks, ${num(e.blocksToGo)} blocks to go; ${eta})`)
  }
  const c = w.commitment
  if (c !== null) out.result(`${pad}commitment: ${num(c.index)} (L2 block ${num(c.l2BlockNumber)}, status ${c.status}, final from momentum ${num(c.finalizableAt)})`)
  if (w.finalizableAt !== null) {
    const at = num(w.finalizableAt)
    const left = at > frontier ? `, now ${frontier}${w.etaSeconds === null ? '' : `: ${aboutSeconds(1n, w.etaSeconds)}`}` : `, now ${frontier}: reached`
    out.result(`${pad}finalizable: at momentum ${at}${left}`)
  }
  for (const p of w.proofs) {
    const state = !p.valid ? 'invalid: its commitment is gone' : p.frozen ? 'frozen by a flag' : 'valid'
    out.result(`${pad}proof: by ${p.prover} against commitment ${num(p.commitmentIndex)} at momentum ${num(p.provenAt)} (${state})`)
  }
  if (w.finalizedAt !== null) out.result(`${pad}finalized: at momentum ${num(w.finalizedAt)} by ${w.finalizedBy}`)
  out.result(`${pad}next: ${nextCommand(w, tx.transactionHash, i)}`)
}

function nextCommand(w: WithdrawalStatusJSON, tx: string, i: number): string {
  const ref = `--tx ${tx}${i === 0 ? '' : ` --index ${i}`}`
  switch (w.status) {
    case 'initiated':
      return `${w.next}; then nomx bridge prove ${ref}`
    case 'provable':
      return `nomx bridge prove ${ref}`
    case 'proven':
      return `${w.next}; then nomx bridge finalize ${ref}`
    case 'finalizable':
      return `nomx bridge finalize ${ref}`
    default:
      return w.next
  }
}

interface ReceiptJSON {
  status: string
  blockNumber: string
}

async function depositStatus(l2: L2Rpc, index: bigint, flags: Flags, env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  if (index === 0n) throw new BridgeUserError('deposit indices start at 1')
  const chainId = await resolveChainId(flags, l2)
  const client = await connectNoM(nomRpcUrl(flags, env))
  try {
    const anchorChain = async (): Promise<AnchorChain> => {
      const chain = await getChain(client, chainId)
      if (chain === undefined) throw new BridgeUserError(`no chain ${chainId} on this anchor: check --chain-id and --nom-rpc`)
      return chain
    }
    const record = await getDeposit(client, chainId, index)
    if (record === undefined) throw new BridgeUserError(`chain ${chainId} has no deposit ${index} (it has ${(await anchorChain()).depositCount})`)
    const txHash = await depositL2TxHash(client, record)
    const receipt = await l2.call<ReceiptJSON | null>('eth_getTransactionReceipt', [txHash])
    if (flags.has('json')) {
      out.result(JSON.stringify({ chainId: chainId.toString(), index: index.toString(), sendHash: toHex(record.sendHash), momentumHeight: record.momentumHeight.toString(), l2TransactionHash: txHash, receipt }, null, 2))
      return 0
    }
    out.result(`deposit: ${index} of chain ${chainId}`)
    out.result(`amount: ${await amountWords(client, record.tokenStandard, record.amount)}`)
    out.result(`from: ${formatAddress(record.sender)}`)
    out.result(`to: 0x${toHex(record.l2Recipient)}`)
    out.result(`NoM send: ${toHex(record.sendHash)} (momentum ${record.momentumHeight})`)
    out.result(`L2 deposit tx: ${txHash}`)
    if (receipt === null) {
      const readyAt = record.momentumHeight + (await anchorChain()).depositConfirmations
      out.result(`status: not on L2 yet (the L2 takes it once momentum ${readyAt} exists: ${await whenMomentum(client, readyAt)})`)
    } else {
      out.result(`status: ${receipt.status === '0x1' ? 'success' : 'failed'} in L2 block ${num(receipt.blockNumber)}`)
    }
    return 0
  } finally {
    await client.close()
  }
}

async function amountWords(client: NoMClient, zts: Uint8Array, amount: bigint): Promise<string> {
  const token = await nomToken(client, zts)
  return `${formatAmount(amount, token.decimals)} ${token.symbol} (${formatTokenStandard(zts)})`
}

