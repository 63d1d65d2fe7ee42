/**
 * `nomx bridge deposit --amount 10 --token ZNN --to 0x…`: Deposit(chainId, to) on the anchor from
 * the user's NoM account, then (unless --no-wait) the L2 deposit transaction it becomes and its receipt.
 */
import { bytesToHex } from '@ethereumjs/util'
import { DepositABI } from '../../contracts/anchor/abi.ts'
import { getChain, type AnchorDeposit } from '../../contracts/anchor/rpc/client.ts'
import { formatAddress } from '../../nom/address.ts'
import { bytesEqual } from '../../nom/hash.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import { formatAmount, parseAmount } from './amount.ts'
import { callAnchorForUser } from './anchorCall.ts'
import { depositBySend, depositL2TxHash } from './anchorDeposits.ts'
import { ENDPOINT_FLAGS, ENDPOINT_HELP, l2RpcUrl, nomRpcUrl, resolveChainId, timeoutMs } from './endpoints.ts'
import { BridgeNetworkError, BridgeUserError } from './errors.ts'
import { parseFlags, requireFlag } from './flags.ts'
import { parseL2Address } from './l2Address.ts'
import { createL2Rpc, type L2Rpc } from './l2Rpc.ts'
import { loadNoMKey, NOM_KEY_FLAGS, NOM_KEY_HELP } from './nomKey.ts'
import { connectNoM } from './nomConnection.ts'
import type { Output } from './output.ts'
import { nomToken, tokenStandardOf } from './tokens.ts'

export const DEPOSIT_HELP = `usage: nomx bridge deposit --amount AMOUNT --token ZNN|QSR|zts1… --to 0x… [options]

Deposits from your NoM account to an L2 address: sends Deposit(chainId, to) with the amount to the
anchor, waits for the anchor to accept it, prints the deposit index, then waits for the L2 deposit
transaction and prints its receipt status.

options:
  --amount AMOUNT          decimal amount in the token's units (e.g. 10 or 0.5)
  --token TOKEN            ZNN, QSR or a zts1… token standard
  --to 0x…                 the L2 recipient
  --no-wait                return once the anchor accepted the deposit
${ENDPOINT_HELP}

${NOM_KEY_HELP}`

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function runDeposit(args: string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  const flags = parseFlags('deposit', args, { values: ['amount', 'token', 'to', ...ENDPOINT_FLAGS, ...NOM_KEY_FLAGS], booleans: ['no-wait'] })
  const amountText = requireFlag('deposit', flags, 'amount', 'how much to deposit')
  const tokenStandard = tokenStandardOf(requireFlag('deposit', flags, 'token', 'ZNN, QSR or zts1…'))
  const to = parseL2Address(requireFlag('deposit', flags, 'to', 'the L2 recipient 0x…'), '--to')
  const key = await loadNoMKey(flags, env)
  const wait = !flags.has('no-wait')
  const limitMs = timeoutMs(flags)
  const l2 = createL2Rpc(l2RpcUrl(flags, env))
  const nomUrl = nomRpcUrl(flags, env)
  const client = await connectNoM(nomUrl)
  try {
    const chainId = await resolveChainId(flags, l2)
    const token = await nomToken(client, tokenStandard)
    const amount = parseAmount(amountText, token.decimals, token.symbol)
    const chain = await getChain(client, chainId)
    if (chain === undefined) throw new BridgeUserError(`no chain ${chainId} on the anchor at ${nomUrl}: check --chain-id (default: the L2's eth_chainId) and --nom-rpc`)
    const info = await client.getAccountInfoByAddress(key.address)
    const balance = info.balances.find((b) => bytesEqual(b.tokenStandard, tokenStandard))?.balance ?? 0n
    const show = (units: bigint) => `${formatAmount(units, token.decimals)} ${token.symbol}`
    if (balance < amount) {
      throw new BridgeUserError(`not enough ${token.symbol} on ${formatAddress(key.address)}: it has ${show(balance)}, the deposit needs ${show(amount)} (receive pending funds or deposit less)`)
    }
    out.progress(`depositing ${show(amount)} (${formatTokenStandard(tokenStandard)}) from ${formatAddress(key.address)} to ${bytesToHex(to)} on chain ${chainId}`)
    const call = await callAnchorForUser(client, key, { method: 'Deposit', data: DepositABI.encode({ chainId, l2Recipient: to }), tokenStandard, amount }, out, {
      timeoutMs: limitMs,
      advice: { chainId },
    })
    const record = await depositBySend(client, chainId, call.sendHash)
    out.result(`deposit index: ${record.index}`)
    out.result(`NoM send: ${Buffer.from(call.sendHash).toString('hex')} (momentum ${record.momentumHeight})`)
    const l2TxHash = await depositL2TxHash(client, record)
    out.result(`L2 deposit tx: ${l2TxHash}`)
    if (!wait) {
      out.result(`next: nomx bridge status --deposit ${record.index} shows when the L2 has it`)
      return 0
    }
    try {
      return await waitForL2Deposit(client, l2, record, l2TxHash, chain.depositConfirmations, out, limitMs)
    } catch (error) {
      if (error instanceof BridgeNetworkError) {
        throw new BridgeNetworkError(`${error.message}\nDeposit ${record.index} is safe on NoM: check it later with nomx bridge status --deposit ${record.index}`)
      }
      throw error
    }
  } finally {
    await client.close()
  }
}

interface ReceiptJSON {
  status: string
  blockNumber: string
}

async function waitForL2Deposit(client: NoMClient, l2: L2Rpc, record: AnchorDeposit, txHash: string, confirmations: bigint, out: Output, limitMs: number): Promise<number> {
  const readyAt = record.momentumHeight + confirmations
  out.progress(`waiting for the L2 to include it (deposits are taken once momentum ${readyAt} exists: ${confirmations} confirmation${confirmations === 1n ? '' : 's'})`)
  const deadline = Date.now() + limitMs
  let lastNote = 0
  for (;;) {
    const receipt = await l2.call<ReceiptJSON | null>('eth_getTransactionReceipt', [txHash])
    if (receipt !== null) {
      const block = BigInt(receipt.blockNumber)
      if (receipt.status === '0x1') {
        out.result(`L2 status: success in block ${block}`)
        return 0
      }
      out.result(`L2 status: failed in block ${block}`)
      throw new BridgeUserError(
        `the L2 deposit transaction ${txHash} failed: a ZNN deposit's mint stays with the sender's address on L2 (${bytesToHex(record.sender)}); a token deposit's funds stay escrowed on the anchor. Check the recipient (a contract that reverts on receive cannot take deposits)`,
      )
    }
    if (Date.now() > deadline) {
      throw new BridgeNetworkError(`the L2 has not included deposit ${record.index} within ${limitMs / 1000} s`)
    }
    if (Date.now() - lastNote > 5_000) {
      lastNote = Date.now()
      const frontier = (await client.getFrontierMomentum()).height
      out.progress(frontier < readyAt ? `momentum ${frontier} of ${readyAt}` : `momentum ${frontier}: waiting for the sequencer to take deposit ${record.index}`)
    }
    await sleep(250)
  }
}
