/**
 * Typed reads of the confirmed chain over any KVReader (the store, or an overlay while a momentum
 * is being built), and the typed writes a momentum makes.
 */
import type { AccountBlock, Address, Hash, Momentum, TokenInfo, TokenStandard } from '../../types.ts'
import type { KVReader, Overlay } from '../db/store.ts'
import * as K from '../db/keys.ts'
import { decodeAmount, decodeBlock, decodeMomentum, decodeTokenInfo, decodeU64, encodeAmount, encodeBlock, encodeMomentum, encodeTokenInfo, encodeU64 } from '../db/codec.ts'
import { ZERO_HASH } from '../../hash.ts'

export interface AccountFrontier {
  height: bigint
  hash: Hash
}

export class ChainReader {
  constructor(readonly kv: KVReader) {}

  async frontierHeight(): Promise<bigint> {
    const v = await this.kv.get(K.metaFrontierKey())
    return v === undefined ? 0n : decodeU64(v)
  }

  async frontierMomentum(): Promise<Momentum> {
    const m = await this.momentumByHeight(await this.frontierHeight())
    if (m === undefined) throw new Error('devnet database has no frontier momentum')
    return m
  }

  async momentumByHeight(height: bigint): Promise<Momentum | undefined> {
    if (height < 1n) return undefined
    const v = await this.kv.get(K.momentumByHeightKey(height))
    return v === undefined ? undefined : decodeMomentum(v)
  }

  async momentumHeightByHash(hash: Hash): Promise<bigint | undefined> {
    const v = await this.kv.get(K.momentumHeightByHashKey(hash))
    return v === undefined ? undefined : decodeU64(v)
  }

  async momentumByHash(hash: Hash): Promise<Momentum | undefined> {
    const h = await this.momentumHeightByHash(hash)
    return h === undefined ? undefined : this.momentumByHeight(h)
  }

  async block(hash: Hash): Promise<AccountBlock | undefined> {
    const v = await this.kv.get(K.blockByHashKey(hash))
    return v === undefined ? undefined : decodeBlock(v)
  }

  async blockAt(address: Address, height: bigint): Promise<AccountBlock | undefined> {
    const h = await this.kv.get(K.accountChainKey(address, height))
    return h === undefined ? undefined : this.block(h)
  }

  async confirmationHeight(hash: Hash): Promise<bigint | undefined> {
    const v = await this.kv.get(K.confirmationKey(hash))
    return v === undefined ? undefined : decodeU64(v)
  }

  async accountFrontier(address: Address): Promise<AccountFrontier> {
    const v = await this.kv.get(K.accountFrontierKey(address))
    if (v === undefined) return { height: 0n, hash: ZERO_HASH }
    return { height: decodeU64(v.subarray(0, 8)), hash: v.slice(8) }
  }

  async balance(address: Address, zts: TokenStandard): Promise<bigint> {
    const v = await this.kv.get(K.balanceKey(address, zts))
    return v === undefined ? 0n : decodeAmount(v)
  }

  /** All non-zero balances of an account, keyed by the 10 ZTS bytes. */
  async balances(address: Address): Promise<Array<[TokenStandard, bigint]>> {
    const prefix = K.balancePrefix(address)
    return (await this.kv.scan(prefix)).map(([k, v]) => [k.slice(prefix.length), decodeAmount(v)])
  }

  async tokenInfo(zts: TokenStandard): Promise<TokenInfo | undefined> {
    const v = await this.kv.get(K.tokenInfoKey(zts))
    return v === undefined ? undefined : decodeTokenInfo(v)
  }

  async tokenInfos(): Promise<TokenInfo[]> {
    return (await this.kv.scan(K.tokenInfoPrefix())).map(([, v]) => decodeTokenInfo(v))
  }

  async receivedBy(sendHash: Hash): Promise<Hash | undefined> {
    return this.kv.get(K.receivedKey(sendHash))
  }

  /** Confirmed sends to `address` not yet received (confirmed), oldest confirmation first. */
  async unreceivedHashes(address: Address): Promise<Hash[]> {
    const prefix = K.unreceivedPrefix(address)
    return (await this.kv.scan(prefix)).map(([k]) => k.slice(k.length - 32))
  }

  async contractValue(contract: Address, key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.kv.get(K.contractStorageKey(contract, key))
  }

  async contractEntries(contract: Address, prefix: Uint8Array): Promise<Array<[Uint8Array, Uint8Array]>> {
    const full = K.contractStorageKey(contract, prefix)
    const strip = K.contractStorageKey(contract, new Uint8Array(0)).length
    return (await this.kv.scan(full)).map(([k, v]) => [k.slice(strip), v])
  }
}

/** Typed writes into a momentum's overlay. */
export class ChainWriter extends ChainReader {
  constructor(readonly overlay: Overlay) {
    super(overlay)
  }

  setBalance(address: Address, zts: TokenStandard, amount: bigint): void {
    if (amount === 0n) this.overlay.del(K.balanceKey(address, zts))
    else this.overlay.put(K.balanceKey(address, zts), encodeAmount(amount))
  }

  async addBalance(address: Address, zts: TokenStandard, delta: bigint): Promise<bigint> {
    const current = await this.balance(address, zts)
    if (delta === 0n) return current
    const next = current + delta
    if (next < 0n) throw new RangeError('balance would go negative')
    this.setBalance(address, zts, next)
    return next
  }

  setTokenInfo(info: TokenInfo): void {
    this.overlay.put(K.tokenInfoKey(info.tokenStandard), encodeTokenInfo(info))
  }

  /** Records a block as confirmed at `momentumHeight`: block, chain slot, frontier, confirmation. */
  putConfirmedBlock(block: AccountBlock, momentumHeight: bigint): void {
    this.overlay.put(K.blockByHashKey(block.hash), encodeBlock(block))
    this.overlay.put(K.accountChainKey(block.address, block.height), block.hash)
    this.overlay.put(K.confirmationKey(block.hash), encodeU64(momentumHeight))
  }

  setAccountFrontier(address: Address, height: bigint, hash: Hash): void {
    const v = new Uint8Array(40)
    v.set(encodeU64(height), 0)
    v.set(hash, 8)
    this.overlay.put(K.accountFrontierKey(address), v)
  }

  addUnreceived(send: AccountBlock, momentumHeight: bigint): void {
    this.overlay.put(K.unreceivedKey(send.toAddress, momentumHeight, send), new Uint8Array(0))
  }

  markReceived(send: AccountBlock, sendConfirmHeight: bigint, receiveHash: Hash): void {
    this.overlay.put(K.receivedKey(send.hash), receiveHash)
    this.overlay.del(K.unreceivedKey(send.toAddress, sendConfirmHeight, send))
  }

  putContractValue(contract: Address, key: Uint8Array, value: Uint8Array): void {
    this.overlay.put(K.contractStorageKey(contract, key), value)
  }

  deleteContractValue(contract: Address, key: Uint8Array): void {
    this.overlay.del(K.contractStorageKey(contract, key))
  }

  putMomentum(m: Momentum): void {
    this.overlay.put(K.momentumByHeightKey(m.height), encodeMomentum(m))
    this.overlay.put(K.momentumHeightByHashKey(m.hash), encodeU64(m.height))
    this.overlay.put(K.metaFrontierKey(), encodeU64(m.height))
  }
}
