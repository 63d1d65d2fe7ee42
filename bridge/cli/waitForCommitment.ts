/**
 * `prove --wait`: polls nomx_getWithdrawalStatus until a commitment covers the withdrawal, printing
 * when the next commitment is expected; stops with the status's words if the withdrawal cannot be
 * proven (failed, flagged, frozen) or is past proving already.
 */
import { BridgeNetworkError, BridgeUserError } from './errors.ts'
import type { L2Rpc } from './l2Rpc.ts'
import type { Output } from './output.ts'
import { callBridgeMethod, type TransactionStatusJSON } from './withdrawalStatusRpc.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function waitUntilProvable(l2: L2Rpc, tx: string, index: number, out: Output, timeoutMs: number, pollMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastNote = ''
  for (;;) {
    const status = await callBridgeMethod<TransactionStatusJSON>(l2, 'nomx_getWithdrawalStatus', [tx])
    if (status.status === 'failed') throw new BridgeUserError(status.reason ?? `transaction ${tx} started no withdrawal`)
    const w = status.withdrawals[index]
    if (w === undefined) throw new BridgeUserError(`transaction ${tx} has ${status.withdrawals.length} withdrawal(s); --index ${index} does not exist`)
    if (w.status === 'flagged' || w.status === 'frozen') throw new BridgeUserError(`withdrawal ${w.withdrawalHash} is ${w.status}: ${w.next}`)
    if (w.status !== 'initiated') return
    const e = w.expectedCommitment
    const note =
      e === null
        ? w.next
        : `waiting for a commitment covering L2 block ${BigInt(status.blockNumber)}: expected for L2 block ${BigInt(e.l2BlockNumber)} (${BigInt(e.blocksToGo)} blocks to go${e.etaSeconds === null ? '' : `, about ${Math.ceil(e.etaSeconds)} s`})`
    if (note !== lastNote) out.progress(note)
    lastNote = note
    if (Date.now() + pollMs > deadline) throw new BridgeNetworkError(`no commitment covers ${tx} after ${timeoutMs / 1000} s: ${w.next}; run nomx bridge prove --tx ${tx} --wait again later`)
    await sleep(pollMs)
  }
}
