/**
 * `nomx bridge finalize --tx 0x… | --withdrawal-hash 0x…`: FinalizeWithdrawal(chainId, hash,
 * prover) on the anchor, prover = this account unless --prover names another. Reads the anchor's
 * withdrawal record first and refuses early, in the status's words, when it cannot succeed yet
 * (not proven, proof invalidated or frozen, challenge window still open, already paid).
 */
import { hexToBytes } from '@ethereumjs/util'
import { FinalizeWithdrawalABI } from '../../contracts/anchor/abi.ts'
import { getWithdrawal } from '../../contracts/anchor/rpc/client.ts'
import { formatAddress, parseAddress } from '../../nom/address.ts'
import { InvalidAddressError } from '../../nom/errors.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { callAnchorForUser } from './anchorCall.ts'
import { ENDPOINT_FLAGS, ENDPOINT_HELP, l2RpcUrl, nomRpcUrl, resolveChainId, timeoutMs } from './endpoints.ts'
import { BridgeUserError } from './errors.ts'
import { integerFlag, parseFlags } from './flags.ts'
import { parseHash32 } from './l2Address.ts'
import { createL2Rpc } from './l2Rpc.ts'
import { waitForMomentum, whenMomentum } from './momentumTiming.ts'
import { loadNoMKey, NOM_KEY_FLAGS, NOM_KEY_HELP } from './nomKey.ts'
import { connectNoM } from './nomConnection.ts'
import type { Output } from './output.ts'
import { describeNoMPayout } from './payout.ts'
import { callBridgeMethod, type TransactionStatusJSON } from './withdrawalStatusRpc.ts'

export const FINALIZE_HELP = `usage: nomx bridge finalize (--tx 0x… [--index i] | --withdrawal-hash 0x…) [options]

Finalizes a proven withdrawal once its challenge window has passed: the anchor pays the NoM target.
Refuses early, saying when, if it is not finalizable yet.

options:
  --tx 0x…                 the L2 transaction that started the withdrawal (its hash is read from the L2 node)
  --index i                which of its withdrawals (default 0)
  --withdrawal-hash 0x…    the withdrawal hash itself (no L2 lookup; needs --chain-id or the L2 node for the chain id)
  --prover z1…             whose proof to use (default: this account)
  --wait                   wait (with progress) for the challenge window instead of refusing
${ENDPOINT_HELP}

${NOM_KEY_HELP}`

function parseProver(text: string): Uint8Array {
  try {
    return parseAddress(text)
  } catch (error) {
    if (error instanceof InvalidAddressError) throw new BridgeUserError(`--prover must be a NoM address (z1…): ${error.message}`)
    throw error
  }
}

export async function runFinalize(args: string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  const flags = parseFlags('finalize', args, { values: ['tx', 'index', 'withdrawal-hash', 'prover', ...ENDPOINT_FLAGS, ...NOM_KEY_FLAGS], booleans: ['wait'] })
  const tx = flags.get('tx')
  const hashFlag = flags.get('withdrawal-hash')
  if ((tx === undefined) === (hashFlag === undefined)) throw new BridgeUserError('give either --tx 0x… or --withdrawal-hash 0x…: see nomx bridge finalize --help')
  if (tx !== undefined) parseHash32(tx, '--tx')
  if (hashFlag !== undefined) parseHash32(hashFlag, '--withdrawal-hash')
  const index = integerFlag(flags, 'index') ?? 0n
  const proverFlag = flags.get('prover')
  const proverGiven = proverFlag === undefined ? undefined : parseProver(proverFlag)
  const key = await loadNoMKey(flags, env)
  const limitMs = timeoutMs(flags)
  const l2 = createL2Rpc(l2RpcUrl(flags, env))
  let withdrawalHash: string
  if (tx !== undefined) {
    const status = await callBridgeMethod<TransactionStatusJSON>(l2, 'nomx_getWithdrawalStatus', [tx])
    if (status.status === 'failed') throw new BridgeUserError(status.reason ?? `transaction ${tx} started no withdrawal`)
    const w = status.withdrawals[Number(index)]
    if (w === undefined) throw new BridgeUserError(`transaction ${tx} has ${status.withdrawals.length} withdrawal(s); --index ${index} does not exist`)
    withdrawalHash = w.withdrawalHash
  } else withdrawalHash = hashFlag!.toLowerCase()
  const ref = tx !== undefined ? `--tx ${tx}${index === 0n ? '' : ` --index ${index}`}` : `--withdrawal-hash ${withdrawalHash}`
  const chainId = await resolveChainId(flags, l2)
  const client = await connectNoM(nomRpcUrl(flags, env))
  try {
    const prover = proverGiven ?? key.address
    const proverText = formatAddress(prover)
    const record = await getWithdrawal(client, chainId, hexToBytes(withdrawalHash as `0x${string}`))
    if (record === undefined) throw new BridgeUserError(`withdrawal ${withdrawalHash} is not proven on the anchor of chain ${chainId}: prove it first: nomx bridge prove ${tx !== undefined ? ref : '--tx 0x…'}`)
    const payout = await describeNoMPayout(record, client)
    if (record.status === 'finalized') {
      throw new BridgeUserError(`withdrawal ${withdrawalHash} is already finalized (at momentum ${record.finalizedAt}, ${payout}): nothing left to do`)
    }
    const proof = record.proofs.find((p) => bytesEqual(p.prover, prover))
    if (proof === undefined) {
      const others = record.proofs.map((p) => formatAddress(p.prover)).join(', ')
      throw new BridgeUserError(`withdrawal ${withdrawalHash} is not proven by ${proverText}: finalize with --prover ${record.proofs.length === 1 ? others : `one of ${others}`}, or prove it from this account (nomx bridge prove)`)
    }
    if (!proof.valid) throw new BridgeUserError(`the commitment ${proof.commitmentIndex} that ${proverText} proved against no longer exists (fraud verdict): prove again with nomx bridge prove ${tx !== undefined ? ref : '--tx 0x…'}`)
    if (proof.frozen) throw new BridgeUserError(`commitment ${proof.commitmentIndex} (or an earlier one) is flagged: wait for the guardians' verdict; if it is fraud, prove again against a newer commitment`)
    const frontier = (await client.getFrontierMomentum()).height
    if (proof.finalizableAt !== undefined && proof.finalizableAt > frontier) {
      const when = await whenMomentum(client, proof.finalizableAt)
      if (!flags.has('wait')) throw new BridgeUserError(`withdrawal ${withdrawalHash} is not finalizable yet: finalizable ${when}; run this again then (or add --wait)`)
      await waitForMomentum(client, proof.finalizableAt, out, limitMs, `the challenge window of withdrawal ${withdrawalHash}`)
    }
    out.progress(`finalizing withdrawal ${withdrawalHash} (${payout}) with the proof of ${proverText}`)
    const when = proof.finalizableAt === undefined ? undefined : await whenMomentum(client, proof.finalizableAt)
    const call = await callAnchorForUser(
      client,
      key,
      { method: 'FinalizeWithdrawal', data: FinalizeWithdrawalABI.encode({ chainId, withdrawalHash: hexToBytes(withdrawalHash as `0x${string}`), prover }) },
      out,
      { timeoutMs: limitMs, advice: { chainId, withdrawalRef: ref, ...(when === undefined ? {} : { finalizableWhen: when }) } },
    )
    out.result(`finalized: withdrawal ${withdrawalHash} paid ${payout} (momentum ${call.receiveMomentum})`)
    return 0
  } finally {
    await client.close()
  }
}
