/**
 * Where each withdrawal of an L2 transaction stands (rollup-anchors.md §4 pitfall 2: one status, and
 * what to do next):
 *
 *   initiated   mined on L2, no commitment covers its block yet (expectedCommitment says when one will)
 *   provable    a commitment covers it (the oldest one at or after its block); nobody proved it yet
 *   proven      proven on the anchor; finalizableAt = when its challenge window ends
 *   finalizable the window has passed: FinalizeWithdrawal pays it
 *   finalized   paid on NoM
 *   flagged     the covering (or proven) commitment has an open flag: wait for the guardians
 *   frozen      an earlier commitment is flagged, which freezes this one too: wait for the guardians
 *   failed      the transaction reverted, or initiated no withdrawal
 *
 * A proof whose commitment was deleted by a fraud verdict no longer counts: the withdrawal is then
 * provable (or initiated) again against the new commitments, and the stale proofs are still listed.
 */
import { bytesToHex } from '@ethereumjs/util'
import { formatAddress } from '../../nom/address.ts'
import { withdrawalPayout, type WithdrawalPayout } from '../../contracts/anchor/withdrawalPayout.ts'
import { ResourceNotFoundError } from '../../node/errors.ts'
import { readCommitmentHead, type AnchorChainInfo, type AnchorCommitment, type AnchorWithdrawal, type NoMMomentumRef } from './anchorReader.ts'
import type { WithdrawalContext } from './context.ts'
import { expectedCommitment, momentumSeconds, type ExpectedCommitment } from './expectedCommitment.ts'
import { coveringCommitment } from './findCommitment.ts'
import type { InitiatedWithdrawal } from './messagePassed.ts'
import { transactionWithdrawals } from './transactionWithdrawals.ts'

export type WithdrawalStatusName = 'initiated' | 'provable' | 'proven' | 'finalizable' | 'finalized' | 'flagged' | 'frozen' | 'failed'

export interface WithdrawalStatus {
  withdrawal: InitiatedWithdrawal
  /** What NoM pays: ZNN value / 10^10, or the token bridge's ZTS amount, to the target. */
  payout: WithdrawalPayout
  status: Exclude<WithdrawalStatusName, 'failed'>
  /** initiated: when a covering commitment is expected. */
  expectedCommitment?: ExpectedCommitment
  /** provable / flagged / frozen: the covering commitment; proven / finalizable: the commitment of the earliest finalizable proof. */
  commitment?: AnchorCommitment
  /** The anchor's withdrawal record (proofs, finalizableAt, finalizedAt), once proven. */
  anchor?: AnchorWithdrawal
  /** proven / finalizable: first momentum height FinalizeWithdrawal succeeds at. */
  finalizableAt?: bigint
  /** proven: estimated seconds until finalizableAt. */
  etaSeconds?: number
  /** What to do next, in words. */
  next: string
}

/**
 * Why the anchor refuses ProveWithdrawal and FinalizeWithdrawal right now (SPEC.md §3.10 step 5):
 * the chain is halted, or in its cooldown after an unhalt. undefined when they are open.
 */
export function withdrawalsBlocked(chain: AnchorChainInfo, frontierHeight: bigint): string | undefined {
  if (chain.halted) return 'the chain is halted on the anchor: withdrawals cannot be proven or finalized until it is unhalted (administrator or guardian quorum)'
  if (chain.unhaltedAt > 0n && !(chain.unhaltedAt + chain.unhaltCooldown < frontierHeight)) {
    return `the chain was unhalted at momentum ${chain.unhaltedAt}: withdrawals can be proven and finalized again from momentum ${chain.unhaltedAt + chain.unhaltCooldown + 1n}`
  }
  return undefined
}

export interface TransactionWithdrawalStatus {
  transactionHash: Uint8Array
  blockNumber: bigint
  blockHash: Uint8Array
  receiptStatus: 0 | 1
  /** failed, or the least advanced status of the transaction's withdrawals. */
  status: WithdrawalStatusName
  /** failed: why. */
  reason?: string
  withdrawals: WithdrawalStatus[]
  nomFrontier: NoMMomentumRef
  /** Set while the anchor refuses proofs and finalizations for the chain (halt, unhalt cooldown). */
  withdrawalsBlocked?: string
}

const rank: Record<Exclude<WithdrawalStatusName, 'failed'>, number> = {
  initiated: 0,
  flagged: 1,
  frozen: 1,
  provable: 2,
  proven: 3,
  finalizable: 4,
  finalized: 5,
}

/** Text for a flagged or frozen commitment. */
export function frozenAdvice(c: AnchorCommitment): string {
  const why = c.status === 'flagged' ? `commitment ${c.index} (L2 block ${c.l2BlockNumber}) has an open flag` : `commitment ${c.index} (L2 block ${c.l2BlockNumber}) is frozen by a flag on an earlier commitment`
  return `${why}: wait for the guardians' verdict; if it is fraud the commitment is deleted and the withdrawal must be proven again against a new one`
}

interface AnchorView {
  count: bigint
  newest: AnchorCommitment | undefined
  frontier: NoMMomentumRef
  secondsPerMomentum: number | undefined
}

async function fromAnchorRecord(ctx: WithdrawalContext, view: AnchorView, w: AnchorWithdrawal): Promise<Omit<WithdrawalStatus, 'withdrawal' | 'payout'> | undefined> {
  if (w.status === 'finalized') {
    return { status: 'finalized', anchor: w, next: `done: paid on NoM at momentum ${w.finalizedAt}` }
  }
  const usable = w.proofs.filter((p) => p.valid && !p.frozen && p.finalizableAt !== undefined).sort((a, b) => (a.finalizableAt! < b.finalizableAt! ? -1 : 1))
  const best = usable[0]
  if (best !== undefined) {
    const commitment = await ctx.anchor.commitment(best.commitmentIndex)
    const finalizableAt = best.finalizableAt!
    const out: Omit<WithdrawalStatus, 'withdrawal' | 'payout'> = { status: 'proven', anchor: w, finalizableAt, next: '' }
    if (commitment !== undefined) out.commitment = commitment
    if (view.frontier.height >= finalizableAt) {
      out.status = 'finalizable'
      out.next = `finalize it: FinalizeWithdrawal(chainId, withdrawalHash, prover) with the prover of a valid proof (e.g. ${formatAddress(best.prover)})`
    } else {
      const left = finalizableAt - view.frontier.height
      if (view.secondsPerMomentum !== undefined) out.etaSeconds = Math.ceil(Number(left) * view.secondsPerMomentum)
      out.next = `wait for the challenge window: finalizable at momentum ${finalizableAt} (now ${view.frontier.height}, ${left} to go)`
    }
    return out
  }
  const frozen = w.proofs.find((p) => p.valid && p.frozen)
  if (frozen !== undefined) {
    const commitment = await ctx.anchor.commitment(frozen.commitmentIndex)
    if (commitment !== undefined && (commitment.status === 'flagged' || commitment.status === 'frozen')) {
      return { status: commitment.status, commitment, anchor: w, next: frozenAdvice(commitment) }
    }
  }
  return undefined
}

async function statusOf(ctx: WithdrawalContext, view: AnchorView, blockNumber: bigint, withdrawal: InitiatedWithdrawal): Promise<WithdrawalStatus> {
  const payout = withdrawalPayout(withdrawal)
  const record = await ctx.anchor.withdrawal(withdrawal.withdrawalHash)
  if (record !== undefined) {
    const settled = await fromAnchorRecord(ctx, view, record)
    if (settled !== undefined) return { withdrawal, payout, ...settled }
  }
  const stale = record === undefined ? {} : { anchor: record }
  const covering = await coveringCommitment(ctx.anchor, view.count, blockNumber)
  if (covering === undefined) {
    const expected = await expectedCommitment(ctx, blockNumber, view.newest?.l2BlockNumber, view.frontier)
    return {
      withdrawal,
      payout,
      status: 'initiated',
      expectedCommitment: expected,
      ...stale,
      next: `wait for a commitment covering L2 block ${blockNumber}: the next one is expected at L2 block ${expected.l2BlockNumber} (every ${expected.interval} blocks)`,
    }
  }
  if (covering.status === 'flagged' || covering.status === 'frozen') {
    return { withdrawal, payout, status: covering.status, commitment: covering, ...stale, next: frozenAdvice(covering) }
  }
  return {
    withdrawal,
    payout,
    status: 'provable',
    commitment: covering,
    ...stale,
    next: `prove it against commitment ${covering.index} (L2 block ${covering.l2BlockNumber}): nomx_getWithdrawalProof gives the ProveWithdrawal arguments`,
  }
}

export async function withdrawalStatus(ctx: WithdrawalContext, txHash: Uint8Array): Promise<TransactionWithdrawalStatus> {
  const tx = await transactionWithdrawals(ctx.l2, txHash)
  const { chain, newest } = await readCommitmentHead(ctx.anchor)
  if (chain === undefined) throw new ResourceNotFoundError(`chain ${ctx.anchor.chainId} is not registered on the NoM anchor: check the bridge's chain id`)
  const frontier = await ctx.anchor.frontier()
  const blocked = withdrawalsBlocked(chain, frontier.height)
  const base = {
    transactionHash: tx.transactionHash,
    blockNumber: tx.blockNumber,
    blockHash: tx.blockHash,
    receiptStatus: tx.receiptStatus,
    nomFrontier: frontier,
    ...(blocked === undefined ? {} : { withdrawalsBlocked: blocked }),
  }
  if (tx.receiptStatus === 0) {
    return { ...base, status: 'failed', reason: `transaction ${bytesToHex(txHash)} reverted: it initiated no withdrawal`, withdrawals: [] }
  }
  if (tx.withdrawals.length === 0) {
    return { ...base, status: 'failed', reason: `transaction ${bytesToHex(txHash)} initiated no withdrawal (no MessagePassed event of 0x4200…0016 in its receipt)`, withdrawals: [] }
  }
  const view: AnchorView = {
    count: chain.commitmentCount,
    newest,
    frontier,
    secondsPerMomentum: await momentumSeconds(ctx, ctx.anchor, frontier),
  }
  const withdrawals: WithdrawalStatus[] = []
  for (const w of tx.withdrawals) {
    const status = await statusOf(ctx, view, tx.blockNumber, w)
    if (blocked !== undefined && (status.status === 'provable' || status.status === 'finalizable')) status.next = `${blocked}; then ${status.next}`
    withdrawals.push(status)
  }
  const least = withdrawals.reduce((a, b) => (rank[b.status] < rank[a.status] ? b : a))
  return { ...base, status: least.status, withdrawals }
}
