/**
 * The devnet ledger: confirmed chain in level, unconfirmed blocks in the pending pool, and the
 * two writers — `publish` (a user's block, after go-zenon's checks) and `produceMomentum` (the
 * next momentum: due contract receives first, then pending blocks). Both run one at a time.
 */
import type { AccountBlock, AccountHeader, Address, Hash, Momentum, TokenStandard } from '../../types.ts'
import { BlockType } from '../../types.ts'
import type { LedgerReader } from '../embedded/types.ts'
import type { ContractRegistry } from '../embedded/registry.ts'
import type { Genesis } from '../genesis.ts'
import type { KeyPair } from '../../keys.ts'
import { sign } from '../../keys.ts'
import { Overlay } from '../db/store.ts'
import type { KVReader, Store } from '../db/store.ts'
import * as K from '../db/keys.ts'
import { decodeBlock, decodeU64, encodeBlock } from '../db/codec.ts'
import { ChainReader, ChainWriter } from './chain.ts'
import { PendingPool } from './pending.ts'
import type { PendingBlock } from './pending.ts'
import { verifyPublish } from './verifyPublish.ts'
import { changesHash } from './changesHash.ts'
import { writeGenesis } from './genesisState.ts'
import { ReadWriteGate } from './readWriteGate.ts'
import { executeContractReceive } from '../embedded/runtime.ts'
import { hashMomentum, momentumContentEntry } from '../../momentum.ts'
import { MAX_ACCOUNT_BLOCKS_PER_MOMENTUM, MOMENTUM_VERSION } from '../../constants.ts'
import { DevnetConfigError } from '../errors.ts'

export interface InsertedMomentum {
  momentum: Momentum
  /** Every block the momentum confirmed (descendants are entries of their own), in content order. */
  blocks: AccountBlock[]
}

function readerOver(kv: KVReader): LedgerReader {
  const chain = new ChainReader(kv)
  return {
    frontierMomentum: () => chain.frontierMomentum(),
    getMomentumByHeight: (h) => chain.momentumByHeight(h),
    getAccountBlockByHash: (h) => chain.block(h),
    balance: (a, t) => chain.balance(a, t),
  }
}

export class Ledger {
  readonly chain: ChainReader
  readonly reader: LedgerReader
  private readonly pendingPool = new PendingPool()
  private queue: Promise<unknown> = Promise.resolve()
  private readonly gate = new ReadWriteGate()

  private constructor(
    private readonly store: Store,
    readonly registry: ContractRegistry,
    readonly chainIdentifier: bigint,
    private readonly producer: KeyPair,
    private readonly blockLimit: number,
  ) {
    this.chain = new ChainReader(store)
    this.reader = readerOver(store)
  }

  /** Opens the ledger: writes genesis into an empty database, reloads pending blocks otherwise. */
  static async open(args: { store: Store; genesis: Genesis; registry: ContractRegistry; chainIdentifier: bigint; producer: KeyPair; blockLimit?: number }): Promise<Ledger> {
    const stored = await args.store.get(K.metaChainIdentifierKey())
    if (stored === undefined) {
      await writeGenesis(args.store, { ...args.genesis, chainIdentifier: args.chainIdentifier })
    } else if (decodeU64(stored) !== args.chainIdentifier) {
      throw new DevnetConfigError(`chainIdentifier ${args.chainIdentifier} does not match the data dir's chain ${decodeU64(stored)} (use --reset)`)
    }
    const ledger = new Ledger(args.store, args.registry, args.chainIdentifier, args.producer, args.blockLimit ?? MAX_ACCOUNT_BLOCKS_PER_MOMENTUM)
    for (const [key, value] of await args.store.scan(K.pendingPrefix())) {
      const block = decodeBlock(value)
      const sequence = decodeU64(key.subarray(1))
      if (block.blockType === BlockType.UserReceive) {
        const send = await ledger.chain.block(block.fromBlockHash)
        if (send === undefined) throw new Error(`pending receive ${block.fromBlockHash} has no confirmed send`)
        ledger.pendingPool.add({ sequence, block, credit: { token: send.tokenStandard, amount: send.amount } })
      } else {
        ledger.pendingPool.add({ sequence, block })
      }
    }
    return ledger
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * Runs a read outside the commit step of any write, so it never sees a momentum's batch without
   * the matching change of the pending pool (the RPC's reads combine both).
   */
  read<T>(fn: () => Promise<T>): Promise<T> {
    return this.gate.read(fn)
  }

  get pending(): PendingPool {
    return this.pendingPool
  }

  /** Validates and applies a user block; it is confirmed by the next momentum. */
  publish(block: AccountBlock): Promise<void> {
    return this.serialize(async () => {
      const accepted = await verifyPublish({ chain: this.chain, pending: this.pendingPool, registry: this.registry, chainIdentifier: this.chainIdentifier }, block)
      const sequence = this.pendingPool.peekSequence()
      await this.gate.commit(async () => {
        await this.store.write([{ type: 'put', key: K.pendingKey(sequence), value: encodeBlock(accepted.block) }])
        this.pendingPool.add(accepted.credit === undefined ? { sequence, block: accepted.block } : { sequence, block: accepted.block, credit: accepted.credit })
      })
    })
  }

  /** Builds, signs and stores the next momentum at `nowSeconds` (bumped to stay strictly increasing). */
  produceMomentum(nowSeconds: bigint): Promise<InsertedMomentum> {
    return this.serialize(() => this.produce(nowSeconds))
  }

  private async produce(nowSeconds: bigint): Promise<InsertedMomentum> {
    const overlay = new Overlay(this.store)
    const w = new ChainWriter(overlay)
    const frontier = await w.frontierMomentum()
    const height = frontier.height + 1n
    const blocks: AccountBlock[] = []
    let budget = this.blockLimit

    for (const contract of this.registry.all()) {
      let contractFrontier = await w.accountFrontier(contract.address)
      for (const sendHash of await w.unreceivedHashes(contract.address)) {
        if (budget < 1) break
        const send = (await w.block(sendHash))!
        const confirmedAt = (await w.confirmationHeight(sendHash))!
        const confirming = (await w.momentumByHeight(confirmedAt))!
        const trial = overlay.fork()
        const result = await executeContractReceive({
          overlay: trial,
          registry: this.registry,
          ledger: readerOver(trial),
          send,
          momentum: confirming,
          chainIdentifier: this.chainIdentifier,
          frontier: contractFrontier,
        })
        const count = result.descendants.length + 1
        if (count > budget) break
        trial.commitInto(overlay)
        budget -= count
        for (const d of result.descendants) {
          w.putConfirmedBlock(d, height)
          w.addUnreceived(d, height)
        }
        w.putConfirmedBlock(result.receive, height)
        w.setAccountFrontier(contract.address, result.receive.height, result.receive.hash)
        w.markReceived(send, confirmedAt, result.receive.hash)
        blocks.push(...result.descendants, result.receive)
        contractFrontier = { height: result.receive.height, hash: result.receive.hash }
      }
    }

    const selected: PendingBlock[] = budget > 0 ? this.pendingPool.select(budget) : []
    for (const p of selected) {
      const b = p.block
      w.putConfirmedBlock(b, height)
      w.setAccountFrontier(b.address, b.height, b.hash)
      if (b.blockType === BlockType.UserSend) {
        if (b.amount > 0n) await w.addBalance(b.address, b.tokenStandard, -b.amount)
        w.addUnreceived(b, height)
      } else {
        const send = (await w.block(b.fromBlockHash))!
        const confirmedAt = (await w.confirmationHeight(send.hash))!
        if (send.amount > 0n) await w.addBalance(b.address, send.tokenStandard, send.amount)
        w.markReceived(send, confirmedAt, b.hash)
      }
      overlay.del(K.pendingKey(p.sequence))
      blocks.push(b)
    }

    // go-zenon keeps momentum content sorted by the 60-byte entry (address, height, hash)
    blocks.sort((a, b) => Buffer.compare(momentumContentEntry(a), momentumContentEntry(b)))
    const content: AccountHeader[] = blocks.map((b) => ({ address: b.address, hash: b.hash, height: b.height }))
    const unsigned = {
      version: MOMENTUM_VERSION,
      chainIdentifier: this.chainIdentifier,
      previousHash: frontier.hash,
      height,
      timestamp: nowSeconds > frontier.timestamp ? nowSeconds : frontier.timestamp + 1n,
      data: new Uint8Array(0),
      content,
      changesHash: changesHash(overlay.ops()),
    }
    const hash = hashMomentum(unsigned)
    const momentum: Momentum = { ...unsigned, hash, publicKey: this.producer.publicKey, signature: sign(this.producer.privateKey, hash) }
    w.putMomentum(momentum)
    await this.gate.commit(async () => {
      await this.store.write(overlay.ops())
      this.pendingPool.remove(selected)
    })
    return { momentum, blocks }
  }

  // ---- reads used by the RPC --------------------------------------------------------------

  /** The account's frontier block, unconfirmed blocks included (as go-zenon's account store). */
  async frontierBlock(address: Address): Promise<AccountBlock | undefined> {
    const last = this.pendingPool.last(address)
    if (last !== undefined) return last
    const f = await this.chain.accountFrontier(address)
    return f.height === 0n ? undefined : this.chain.block(f.hash)
  }

  /** The block at `height` of an account's chain, unconfirmed blocks included. */
  async blockAtHeight(address: Address, height: bigint): Promise<AccountBlock | undefined> {
    const p = this.pendingPool.ofAccount(address).find((x) => x.block.height === height)
    if (p !== undefined) return p.block
    return this.chain.blockAt(address, height)
  }

  /** Balance including unconfirmed blocks (what getAccountInfoByAddress shows). */
  async balance(address: Address, token: TokenStandard): Promise<bigint> {
    return (await this.chain.balance(address, token)) + this.pendingPool.balanceDelta(address, token)
  }

  async balances(address: Address): Promise<Array<[TokenStandard, bigint]>> {
    const map = new Map<string, [TokenStandard, bigint]>()
    for (const [zts, amount] of await this.chain.balances(address)) map.set(Buffer.from(zts).toString('hex'), [zts, amount])
    for (const [hex, delta] of this.pendingPool.balanceDeltas(address)) {
      const cur = map.get(hex)
      map.set(hex, [cur?.[0] ?? new Uint8Array(Buffer.from(hex, 'hex')), (cur?.[1] ?? 0n) + delta])
    }
    return [...map.values()]
  }

  /** Confirmed sends to `address` that no block (confirmed or not) has received yet. */
  async unreceived(address: Address): Promise<Hash[]> {
    return (await this.chain.unreceivedHashes(address)).filter((h) => !this.pendingPool.isReceived(h))
  }
}
