/** Typed access to the anchor's storage: one getter/putter per record kind (keys from storageKeys.ts). */
import type { ContractStorage, WritableContractStorage } from '../../nom/devnet/embedded/types.ts'
import { bytesToBigInt } from '../../nom/hash.ts'
import type { Address, Hash, TokenStandard } from '../../nom/types.ts'
import type { RecordCodec } from './abi.ts'
import * as K from './storageKeys.ts'
import {
  AdministratorCodec,
  AssetCodec,
  BondCodec,
  ChainCodec,
  CommitmentCodec,
  DepositCodec,
  FlagCodec,
  FrameCodec,
  HaltVoteCodec,
  ProvenWithdrawalCodec,
  TimeChallengeCodec,
  VoteCodec,
  WithdrawalCodec,
} from './records.ts'
import type {
  AssetRecord,
  ChainRecord,
  CommitmentRecord,
  DepositRecord,
  FlagRecord,
  FrameRecord,
  HaltVoteRecord,
  ProvenWithdrawalRecord,
  TimeChallengeRecord,
  VoteRecord,
  WithdrawalRecord,
} from './records.ts'

export class AnchorReader {
  constructor(
    readonly storage: ContractStorage,
    readonly initialAdministrator: Address,
  ) {}

  protected async read<T>(key: Uint8Array, codec: RecordCodec<T>): Promise<T | undefined> {
    const raw = await this.storage.get(key)
    return raw === undefined ? undefined : codec.decode(raw)
  }

  /** Keys (ascending) under `prefix`. */
  async keys(prefix: Uint8Array): Promise<Uint8Array[]> {
    const out: Uint8Array[] = []
    for await (const [k] of this.storage.entries(prefix)) out.push(k)
    return out
  }

  async list<T>(prefix: Uint8Array, codec: RecordCodec<T>): Promise<{ key: Uint8Array; value: T }[]> {
    const out: { key: Uint8Array; value: T }[] = []
    for await (const [key, raw] of this.storage.entries(prefix)) out.push({ key, value: codec.decode(raw) })
    return out
  }

  async administrator(): Promise<Address> {
    return (await this.read(K.administratorKey(), AdministratorCodec))?.administrator ?? this.initialAdministrator
  }
  chain(chainId: bigint): Promise<ChainRecord | undefined> {
    return this.read(K.chainKey(chainId), ChainCodec)
  }
  async chains(): Promise<ChainRecord[]> {
    return (await this.list(K.chainsPrefix(), ChainCodec)).map((e) => e.value)
  }
  deposit(chainId: bigint, index: bigint): Promise<DepositRecord | undefined> {
    return this.read(K.depositKey(chainId, index), DepositCodec)
  }
  async asset(chainId: bigint, zts: TokenStandard): Promise<AssetRecord> {
    return (await this.read(K.assetKey(chainId, zts), AssetCodec)) ?? { deposited: 0n, released: 0n }
  }
  async assets(chainId: bigint): Promise<{ tokenStandard: TokenStandard; totals: AssetRecord }[]> {
    const prefix = K.assetsPrefix(chainId)
    return (await this.list(prefix, AssetCodec)).map((e) => ({ tokenStandard: e.key.slice(prefix.length), totals: e.value }))
  }
  frame(chainId: bigint, index: bigint): Promise<FrameRecord | undefined> {
    return this.read(K.frameKey(chainId, index), FrameCodec)
  }
  commitment(chainId: bigint, index: bigint): Promise<CommitmentRecord | undefined> {
    return this.read(K.commitmentKey(chainId, index), CommitmentCodec)
  }
  async bond(chainId: bigint, bonder: Address): Promise<bigint> {
    return (await this.read(K.bondKey(chainId, bonder), BondCodec))?.amount ?? 0n
  }
  flag(chainId: bigint, index: bigint): Promise<FlagRecord | undefined> {
    return this.read(K.flagKey(chainId, index), FlagCodec)
  }
  /** Index of the lowest open flag of the chain: it and every later commitment are frozen. */
  async lowestFlaggedIndex(chainId: bigint): Promise<bigint | undefined> {
    const prefix = K.flagsPrefix(chainId)
    for await (const [key] of this.storage.entries(prefix)) return bytesToBigInt(key.subarray(prefix.length, prefix.length + 8))
    return undefined
  }
  /** Open flags of the chain, ascending by commitment index. */
  async flags(chainId: bigint): Promise<{ index: bigint; flag: FlagRecord }[]> {
    const prefix = K.flagsPrefix(chainId)
    return (await this.list(prefix, FlagCodec)).map((e) => ({ index: bytesToBigInt(e.key.subarray(prefix.length)), flag: e.value }))
  }
  flagVote(chainId: bigint, index: bigint, guardian: Address): Promise<VoteRecord | undefined> {
    return this.read(K.flagVoteKey(chainId, index, guardian), VoteCodec)
  }
  haltVote(chainId: bigint, action: K.HaltAction, guardian: Address): Promise<HaltVoteRecord | undefined> {
    return this.read(K.haltVoteKey(chainId, action, guardian), HaltVoteCodec)
  }
  async haltVotes(chainId: bigint, action: K.HaltAction): Promise<Address[]> {
    const prefix = K.haltVotesPrefix(chainId, action)
    return (await this.keys(prefix)).map((k) => k.slice(prefix.length))
  }
  withdrawal(chainId: bigint, hash: Hash): Promise<WithdrawalRecord | undefined> {
    return this.read(K.withdrawalKey(chainId, hash), WithdrawalCodec)
  }
  provenWithdrawal(chainId: bigint, hash: Hash, prover: Address): Promise<ProvenWithdrawalRecord | undefined> {
    return this.read(K.provenWithdrawalKey(chainId, hash, prover), ProvenWithdrawalCodec)
  }
  async provenWithdrawals(chainId: bigint, hash: Hash): Promise<{ prover: Address; proof: ProvenWithdrawalRecord }[]> {
    const prefix = K.provenWithdrawalsPrefix(chainId, hash)
    return (await this.list(prefix, ProvenWithdrawalCodec)).map((e) => ({ prover: e.key.slice(prefix.length), proof: e.value }))
  }
  timeChallenge(chainId: bigint, methodSelector: Uint8Array): Promise<TimeChallengeRecord | undefined> {
    return this.read(K.timeChallengeKey(chainId, methodSelector), TimeChallengeCodec)
  }
  async timeChallenges(chainId: bigint): Promise<TimeChallengeRecord[]> {
    return (await this.list(K.timeChallengesPrefix(chainId), TimeChallengeCodec)).map((e) => e.value)
  }
}

export class AnchorWriter extends AnchorReader {
  constructor(
    readonly writable: WritableContractStorage,
    initialAdministrator: Address,
  ) {
    super(writable, initialAdministrator)
  }

  private write<T>(key: Uint8Array, codec: RecordCodec<T>, value: T): void {
    this.writable.put(key, codec.encode(value))
  }

  async deleteAll(prefix: Uint8Array): Promise<void> {
    for (const k of await this.keys(prefix)) this.writable.delete(k)
  }

  putAdministrator(administrator: Address): void {
    this.write(K.administratorKey(), AdministratorCodec, { administrator })
  }
  putChain(c: ChainRecord): void {
    this.write(K.chainKey(c.chainId), ChainCodec, c)
  }
  putDeposit(chainId: bigint, index: bigint, d: DepositRecord): void {
    this.write(K.depositKey(chainId, index), DepositCodec, d)
  }
  putAsset(chainId: bigint, zts: TokenStandard, a: AssetRecord): void {
    this.write(K.assetKey(chainId, zts), AssetCodec, a)
  }
  putFrame(chainId: bigint, index: bigint, f: FrameRecord): void {
    this.write(K.frameKey(chainId, index), FrameCodec, f)
  }
  putCommitment(chainId: bigint, index: bigint, c: CommitmentRecord): void {
    this.write(K.commitmentKey(chainId, index), CommitmentCodec, c)
  }
  deleteCommitment(chainId: bigint, index: bigint): void {
    this.writable.delete(K.commitmentKey(chainId, index))
  }
  putBond(chainId: bigint, bonder: Address, amount: bigint): void {
    if (amount === 0n) this.writable.delete(K.bondKey(chainId, bonder))
    else this.write(K.bondKey(chainId, bonder), BondCodec, { amount })
  }
  putFlag(chainId: bigint, index: bigint, f: FlagRecord): void {
    this.write(K.flagKey(chainId, index), FlagCodec, f)
  }
  async deleteFlag(chainId: bigint, index: bigint): Promise<void> {
    this.writable.delete(K.flagKey(chainId, index))
    await this.deleteAll(K.flagVotesPrefix(chainId, index))
  }
  putFlagVote(chainId: bigint, index: bigint, guardian: Address, v: VoteRecord): void {
    this.write(K.flagVoteKey(chainId, index, guardian), VoteCodec, v)
  }
  putHaltVote(chainId: bigint, action: K.HaltAction, guardian: Address, v: HaltVoteRecord): void {
    this.write(K.haltVoteKey(chainId, action, guardian), HaltVoteCodec, v)
  }
  putWithdrawal(chainId: bigint, hash: Hash, w: WithdrawalRecord): void {
    this.write(K.withdrawalKey(chainId, hash), WithdrawalCodec, w)
  }
  putProvenWithdrawal(chainId: bigint, hash: Hash, prover: Address, p: ProvenWithdrawalRecord): void {
    this.write(K.provenWithdrawalKey(chainId, hash, prover), ProvenWithdrawalCodec, p)
  }
  putTimeChallenge(chainId: bigint, methodSelector: Uint8Array, t: TimeChallengeRecord): void {
    this.write(K.timeChallengeKey(chainId, methodSelector), TimeChallengeCodec, t)
  }
  deleteTimeChallenge(chainId: bigint, methodSelector: Uint8Array): void {
    this.writable.delete(K.timeChallengeKey(chainId, methodSelector))
  }
}
