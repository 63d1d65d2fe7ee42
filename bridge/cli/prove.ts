/**
 * `nomx bridge prove --tx 0x… [--index i]`: asks the L2 node for the withdrawal's ProveWithdrawal
 * arguments (nomx_getWithdrawalProof: a storage proof against the covering commitment) and sends
 * ProveWithdrawal to the anchor from the user's NoM account; prints when it can be finalized.
 */
import { hexToBytes } from '@ethereumjs/util'
import { ProveWithdrawalABI, type ProveWithdrawalArgs } from '../../contracts/anchor/abi.ts'
import { getWithdrawal } from '../../contracts/anchor/rpc/client.ts'
import { formatAddress } from '../../nom/address.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { callAnchorForUser } from './anchorCall.ts'
import { ENDPOINT_FLAGS, ENDPOINT_HELP, l2RpcUrl, nomRpcUrl, timeoutMs } from './endpoints.ts'
import { BridgeUserError } from './errors.ts'
import { integerFlag, parseFlags, requireFlag } from './flags.ts'
import { parseHash32 } from './l2Address.ts'
import { createL2Rpc } from './l2Rpc.ts'
import { whenMomentum } from './momentumTiming.ts'
import { loadNoMKey, NOM_KEY_FLAGS, NOM_KEY_HELP } from './nomKey.ts'
import { connectNoM } from './nomConnection.ts'
import type { Output } from './output.ts'
import { describePayout } from './payout.ts'
import { waitUntilProvable } from './waitForCommitment.ts'
import { callBridgeMethod, type WithdrawalProofJSON } from './withdrawalStatusRpc.ts'

export const PROVE_HELP = `usage: nomx bridge prove --tx 0x… [--index i] [options]

Proves an L2 withdrawal on the NoM anchor: the L2 node builds the proof against the oldest
commitment covering the transaction's block (nomx_getWithdrawalProof), and your NoM account sends
ProveWithdrawal. Anyone can prove; the prover is the account that later finalizes (or is named with
--prover). Prints when the challenge window ends.

options:
  --tx 0x…                 the L2 transaction that started the withdrawal
  --index i                which of its withdrawals (default 0)
  --wait                   wait (with progress) until a commitment covers it, instead of failing
${ENDPOINT_HELP}

${NOM_KEY_HELP}`

const bytes = (hex: string) => hexToBytes(hex as `0x${string}`)

export function proveArgsOf(p: WithdrawalProofJSON): ProveWithdrawalArgs {
  return {
    chainId: BigInt(p.chainId),
    commitmentIndex: BigInt(p.commitmentIndex),
    nonce: BigInt(p.nonce),
    sender: bytes(p.sender),
    target: bytes(p.target),
    value: BigInt(p.value),
    gasLimit: BigInt(p.gasLimit),
    data: bytes(p.data),
    version: bytes(p.version),
    stateRoot: bytes(p.stateRoot),
    messagePasserStorageRoot: bytes(p.messagePasserStorageRoot),
    latestBlockhash: bytes(p.latestBlockhash),
    storageProof: p.storageProof.map(bytes),
  }
}

export async function runProve(args: string[], env: NodeJS.ProcessEnv, out: Output): Promise<number> {
  const flags = parseFlags('prove', args, { values: ['tx', 'index', ...ENDPOINT_FLAGS, ...NOM_KEY_FLAGS], booleans: ['wait'] })
  const tx = requireFlag('prove', flags, 'tx', 'the L2 withdrawal transaction 0x…')
  parseHash32(tx, '--tx')
  const index = integerFlag(flags, 'index') ?? 0n
  const key = await loadNoMKey(flags, env)
  const limitMs = timeoutMs(flags)
  const l2 = createL2Rpc(l2RpcUrl(flags, env))
  if (flags.has('wait')) await waitUntilProvable(l2, tx, Number(index), out, limitMs)
  const proof = await callBridgeMethod<WithdrawalProofJSON>(l2, 'nomx_getWithdrawalProof', [tx, `0x${index.toString(16)}`])
  const proveArgs = proveArgsOf(proof)
  const chainId = proveArgs.chainId
  const given = integerFlag(flags, 'chain-id')
  if (given !== undefined && given !== chainId) throw new BridgeUserError(`--chain-id ${given} differs from the L2 node's chain ${chainId}: use the L2 RPC of chain ${given} (--l2-rpc)`)
  const client = await connectNoM(nomRpcUrl(flags, env))
  try {
    const ref = `--tx ${tx}${index === 0n ? '' : ` --index ${index}`}`
    out.progress(`proving withdrawal ${proof.withdrawalHash} (${await describePayout(proof.payout, client)}) against commitment ${BigInt(proof.commitment.index)} (L2 block ${BigInt(proof.commitment.l2BlockNumber)})`)
    const call = await callAnchorForUser(client, key, { method: 'ProveWithdrawal', data: ProveWithdrawalABI.encode(proveArgs) }, out, { timeoutMs: limitMs, advice: { chainId, withdrawalRef: ref } })
    out.result(`proven: withdrawal ${proof.withdrawalHash} by ${formatAddress(key.address)} (momentum ${call.receiveMomentum})`)
    out.result(`commitment: ${BigInt(proof.commitment.index)} (L2 block ${BigInt(proof.commitment.l2BlockNumber)})`)
    const record = await getWithdrawal(client, chainId, bytes(proof.withdrawalHash))
    const mine = record?.proofs.find((p) => bytesEqual(p.prover, key.address))
    if (mine?.finalizableAt !== undefined) out.result(`finalizable: ${await whenMomentum(client, mine.finalizableAt)}`)
    out.result(`next: nomx bridge finalize ${ref} once the challenge window has passed`)
    return 0
  } finally {
    await client.close()
  }
}
