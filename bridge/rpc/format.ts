/**
 * JSON of the bridge's nomx_* methods, in the L2 RPC's conventions: integers as 0x quantities,
 * bytes and hashes (NoM's too) as 0x data; NoM addresses as z1… and token standards as zts1…, as
 * NoM shows them. Estimates (etaSeconds, etaMomentums) are plain JSON numbers or null.
 */
import { formatAddress } from '../../nom/address.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import type { SealedBlock } from '../../node/backend.ts'
import { toData, toQuantity } from '../../node/rpc/hex.ts'
import type { WithdrawalPayout } from '../../contracts/anchor/withdrawalPayout.ts'
import type { AnchorCommitment, AnchorWithdrawalProof, NoMMomentumRef } from '../withdrawals/anchorReader.ts'
import type { ExpectedCommitment } from '../withdrawals/expectedCommitment.ts'
import type { InitiatedWithdrawal } from '../withdrawals/messagePassed.ts'
import type { WithdrawalStatus, TransactionWithdrawalStatus } from '../withdrawals/withdrawalStatus.ts'
import type { WithdrawalProof } from '../withdrawals/proveArguments.ts'
import { ProveWithdrawalABI } from '../../contracts/anchor/abi.ts'

type JSONObject = Record<string, unknown>

const orNull = <T>(v: T | undefined, f: (v: T) => unknown): unknown => (v === undefined ? null : f(v))

export function momentumToJSON(m: NoMMomentumRef): JSONObject {
  return { height: toQuantity(m.height), hash: toData(m.hash), timestamp: toQuantity(m.timestamp) }
}

export function commitmentToJSON(c: AnchorCommitment): JSONObject {
  return {
    index: toQuantity(c.index),
    l2BlockNumber: toQuantity(c.l2BlockNumber),
    outputRoot: toData(c.outputRoot),
    originMomentumHeight: toQuantity(c.originMomentumHeight),
    originMomentumHash: toData(c.originMomentumHash),
    lastDepositIndex: toQuantity(c.lastDepositIndex),
    proposer: formatAddress(c.proposer),
    proposedAt: toQuantity(c.proposedAt),
    finalizableAt: toQuantity(c.finalizableAt),
    status: c.status,
  }
}

export function payoutToJSON(p: WithdrawalPayout): JSONObject {
  return { target: formatAddress(p.target), tokenStandard: formatTokenStandard(p.tokenStandard), amount: toQuantity(p.amount) }
}

/** The withdrawal's fields as ProveWithdrawal takes them; the target both as its raw 20 bytes and as z1…. */
export function withdrawalFieldsToJSON(w: InitiatedWithdrawal): JSONObject {
  return {
    withdrawalHash: toData(w.withdrawalHash),
    nonce: toQuantity(w.nonce),
    sender: toData(w.sender),
    target: toData(w.target),
    targetAddress: formatAddress(w.target),
    value: toQuantity(w.value),
    gasLimit: toQuantity(w.gasLimit),
    data: toData(w.data),
  }
}

function expectedToJSON(e: ExpectedCommitment): JSONObject {
  return {
    interval: toQuantity(e.interval),
    l2BlockNumber: toQuantity(e.l2BlockNumber),
    newestCommittedBlock: orNull(e.newestCommittedBlock, toQuantity),
    blocksToGo: toQuantity(e.blocksToGo),
    etaMomentums: orNull(e.etaMomentums, Number),
    etaSeconds: e.etaSeconds ?? null,
  }
}

function proofRecordToJSON(p: AnchorWithdrawalProof): JSONObject {
  return {
    prover: formatAddress(p.prover),
    commitmentIndex: toQuantity(p.commitmentIndex),
    outputRoot: toData(p.outputRoot),
    provenAt: toQuantity(p.provenAt),
    valid: p.valid,
    frozen: p.frozen,
    finalizableAt: orNull(p.finalizableAt, toQuantity),
  }
}

export function withdrawalStatusToJSON(s: WithdrawalStatus): JSONObject {
  return {
    ...withdrawalFieldsToJSON(s.withdrawal),
    logIndex: toQuantity(s.withdrawal.logIndex),
    payout: payoutToJSON(s.payout),
    status: s.status,
    next: s.next,
    expectedCommitment: orNull(s.expectedCommitment, expectedToJSON),
    commitment: orNull(s.commitment, commitmentToJSON),
    finalizableAt: orNull(s.finalizableAt, toQuantity),
    etaSeconds: s.etaSeconds ?? null,
    proofs: s.anchor === undefined ? [] : s.anchor.proofs.map(proofRecordToJSON),
    finalizedAt: orNull(s.anchor?.finalizedAt, toQuantity),
    finalizedBy: orNull(s.anchor?.finalizedBy, formatAddress),
  }
}

export function transactionStatusToJSON(s: TransactionWithdrawalStatus): JSONObject {
  return {
    transactionHash: toData(s.transactionHash),
    blockNumber: toQuantity(s.blockNumber),
    blockHash: toData(s.blockHash),
    transactionStatus: s.receiptStatus === 1 ? 'success' : 'reverted',
    status: s.status,
    reason: s.reason ?? null,
    withdrawalsBlocked: s.withdrawalsBlocked ?? null,
    nomFrontier: momentumToJSON(s.nomFrontier),
    withdrawals: s.withdrawals.map(withdrawalStatusToJSON),
  }
}

/** ProveWithdrawal's arguments in call order, then what they are for; anchorCallData is the encoded call (selector + Zenon ABI). */
export function withdrawalProofToJSON(p: WithdrawalProof): JSONObject {
  const a = p.args
  return {
    chainId: toQuantity(a.chainId),
    commitmentIndex: toQuantity(a.commitmentIndex),
    nonce: toQuantity(a.nonce),
    sender: toData(a.sender),
    target: toData(a.target),
    targetAddress: formatAddress(a.target),
    value: toQuantity(a.value),
    gasLimit: toQuantity(a.gasLimit),
    data: toData(a.data),
    version: toData(a.version),
    stateRoot: toData(a.stateRoot),
    messagePasserStorageRoot: toData(a.messagePasserStorageRoot),
    latestBlockhash: toData(a.latestBlockhash),
    storageProof: a.storageProof.map(toData),
    withdrawalHash: toData(p.withdrawal.withdrawalHash),
    blockNumber: toQuantity(p.blockNumber),
    payout: payoutToJSON(p.payout),
    commitment: commitmentToJSON(p.commitment),
    anchorCallData: toData(ProveWithdrawalABI.encode(a)),
  }
}

/** An L2 block as nomx_syncStatus shows it: number, hash, timestamp and origin momentum. */
export function blockRefToJSON(sealed: SealedBlock): JSONObject {
  const o = sealed.origin
  return {
    number: toQuantity(sealed.block.header.number),
    hash: toData(sealed.hash),
    timestamp: toQuantity(sealed.block.header.timestamp),
    origin: o === undefined ? null : { height: toQuantity(o.height), hash: toData(o.hash), timestamp: toQuantity(o.timestamp) },
  }
}
