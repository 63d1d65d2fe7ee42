/** JSON shapes of the read API: go-zenon style (decimal-string amounts, unprefixed hex hashes, bech32 NoM ids, numbers for heights); L2 addresses as 0x hex. */
import type { Address, Hash, Momentum } from '../../../nom/types.ts'
import { formatAddress } from '../../../nom/address.ts'
import { toHex } from '../../../nom/hash.ts'
import { formatTokenStandard } from '../../../nom/tokenStandard.ts'
import { finalizableAt, isPastWindow } from '../guards.ts'
import type { ChainRecord, CommitmentRecord, DepositRecord, FlagRecord, FrameRecord, TimeChallengeRecord } from '../records.ts'

const num = (x: bigint): number => Number(x)
const hex = (h: Hash): string => toHex(h)
const addr = (a: Address): string => formatAddress(a)

export function chainToJSON(c: ChainRecord, extra: { proposerBondBalance: bigint; lowestFlaggedIndex: bigint | undefined; assets: { tokenStandard: Uint8Array; totals: { deposited: bigint; released: bigint } }[] }) {
  return {
    chainId: num(c.chainId),
    proposer: addr(c.proposer),
    challengeWindow: num(c.challengeWindow),
    sequencingWindow: num(c.sequencingWindow),
    depositConfirmations: num(c.depositConfirmations),
    guardians: c.guardians.map(addr),
    quorum: num(c.quorum),
    proposerBond: c.proposerBond.toString(),
    flagBond: c.flagBond.toString(),
    unhaltCooldown: num(c.unhaltCooldown),
    halted: c.halted,
    haltedAt: num(c.haltedAt),
    unhaltedAt: num(c.unhaltedAt),
    depositCount: num(c.depositCount),
    frameCount: num(c.frameCount),
    commitmentCount: num(c.nextCommitmentIndex - 1n),
    nextCommitmentIndex: num(c.nextCommitmentIndex),
    forfeitedFlagBonds: c.forfeitedFlagBonds.toString(),
    createdAt: num(c.createdAt),
    proposerBondBalance: extra.proposerBondBalance.toString(),
    lowestFlaggedIndex: extra.lowestFlaggedIndex === undefined ? null : num(extra.lowestFlaggedIndex),
    assets: extra.assets.map((a) => ({
      tokenStandard: formatTokenStandard(a.tokenStandard),
      deposited: a.totals.deposited.toString(),
      released: a.totals.released.toString(),
    })),
  }
}

export function flagToJSON(f: FlagRecord) {
  return {
    flagger: addr(f.flagger),
    bond: f.bond.toString(),
    flaggedAt: num(f.flaggedAt),
    fraudVotes: num(f.fraudVotes),
    clearVotes: num(f.clearVotes),
  }
}

/** status: "flagged" (this one has an open flag), "frozen" (an earlier one has), "inWindow", "final". */
export function commitmentToJSON(chain: ChainRecord, index: bigint, c: CommitmentRecord, flag: FlagRecord | undefined, lowestFlagged: bigint | undefined, now: Momentum) {
  const status =
    flag !== undefined ? 'flagged' : lowestFlagged !== undefined && lowestFlagged <= index ? 'frozen' : isPastWindow(chain, c, now) ? 'final' : 'inWindow'
  return {
    chainId: num(chain.chainId),
    index: num(index),
    l2BlockNumber: num(c.l2BlockNumber),
    outputRoot: hex(c.outputRoot),
    originMomentumHeight: num(c.originMomentumHeight),
    originMomentumHash: hex(c.originMomentumHash),
    lastDepositIndex: num(c.lastDepositIndex),
    framesHash: hex(c.framesHash),
    proposer: addr(c.proposer),
    proposedAt: num(c.proposedAt),
    sendHash: hex(c.sendHash),
    resolverType: num(c.resolverType),
    finalizableAt: num(finalizableAt(chain, c)),
    status,
    flag: flag === undefined ? null : flagToJSON(flag),
  }
}

export function depositToJSON(chainId: bigint, index: bigint, d: DepositRecord) {
  return {
    chainId: num(chainId),
    index: num(index),
    sender: addr(d.sender),
    l2Recipient: `0x${toHex(d.l2Recipient)}`,
    tokenStandard: formatTokenStandard(d.tokenStandard),
    amount: d.amount.toString(),
    momentumHeight: num(d.momentumHeight),
    momentumHash: hex(d.momentumHash),
    sendHash: hex(d.sendHash),
    /** DepositCall fields (Deposit: "0", 0, "0x"): wei sent with the L2 call, its gas and data. */
    value: d.value.toString(),
    gasLimit: num(d.gasLimit),
    data: `0x${toHex(d.data)}`,
  }
}

export function frameToJSON(chainId: bigint, index: bigint, f: FrameRecord) {
  return {
    chainId: num(chainId),
    index: num(index),
    submitter: addr(f.submitter),
    momentumHeight: num(f.momentumHeight),
    sendHash: hex(f.sendHash),
    dataHash: hex(f.dataHash),
    length: num(f.length),
  }
}

export function timeChallengeToJSON(t: TimeChallengeRecord, delay: bigint) {
  return {
    methodName: t.methodName,
    paramsHash: hex(t.paramsHash),
    challengeStartHeight: num(t.challengeStartHeight),
    /** first momentum height at which the same call executes */
    executableAt: num(t.challengeStartHeight + delay + 1n),
  }
}

export type ChainJSON = ReturnType<typeof chainToJSON>
export type CommitmentJSON = ReturnType<typeof commitmentToJSON>
export type DepositJSON = ReturnType<typeof depositToJSON>
export type FrameJSON = ReturnType<typeof frameToJSON>
export type FlagJSON = ReturnType<typeof flagToJSON>
export type TimeChallengeJSON = ReturnType<typeof timeChallengeToJSON>
