/**
 * Every key of the devnet's level database (binary keys and values). One prefix byte per table:
 *
 * | prefix | key                                              | value                                   |
 * |--------|--------------------------------------------------|-----------------------------------------|
 * | 0x00   | 0x00 0x01                                        | frontier momentum height, u64be         |
 * | 0x00   | 0x00 0x02                                        | chain identifier, u64be                 |
 * | 0x01   | 0x01 u64be(momentum height)                      | momentum record (db/codec.ts)           |
 * | 0x02   | 0x02 momentum hash(32)                           | momentum height, u64be                  |
 * | 0x03   | 0x03 block hash(32)                              | confirmed account block (db/codec.ts)   |
 * | 0x04   | 0x04 address(20) u64be(height)                   | confirmed block hash at that height     |
 * | 0x05   | 0x05 block hash(32)                              | confirming momentum height, u64be       |
 * | 0x06   | 0x06 address(20) zts(10)                         | confirmed balance, big-endian unsigned  |
 * | 0x07   | 0x07 zts(10)                                     | token info (db/codec.ts)                |
 * | 0x08   | 0x08 send hash(32)                               | hash of the receive that received it    |
 * | 0x09   | 0x09 toAddress(20) u64be(confirm height) address(20) u64be(height) hash(32) | empty: a confirmed send not yet received |
 * | 0x0a   | 0x0a contract address(20) contract key           | contract storage value                  |
 * | 0x0b   | 0x0b u64be(sequence)                             | pending (unconfirmed) block (codec)     |
 * | 0x0c   | 0x0c address(20)                                 | confirmed frontier: u64be(height) hash  |
 *
 * Fusion entries are plasma-contract storage (0x0a + plasma address + go-zenon's own layout:
 * 0x01 owner id → fusionInfo, 0x02 beneficiary → fusedAmount). The unreceived index (0x09) sorts
 * each address's mailbox by confirmation and then by the momentum's content order (sender, height),
 * which is also the order contracts receive in.
 */
import { concatBytes, u64be } from '../../hash.ts'

export const Prefix = {
  meta: 0x00,
  momentumByHeight: 0x01,
  momentumHeightByHash: 0x02,
  blockByHash: 0x03,
  accountChain: 0x04,
  confirmation: 0x05,
  balance: 0x06,
  tokenInfo: 0x07,
  received: 0x08,
  unreceived: 0x09,
  contractStorage: 0x0a,
  pending: 0x0b,
  accountFrontier: 0x0c,
} as const

const p = (b: number) => Uint8Array.of(b)

export const metaFrontierKey = (): Uint8Array => Uint8Array.of(Prefix.meta, 0x01)
export const metaChainIdentifierKey = (): Uint8Array => Uint8Array.of(Prefix.meta, 0x02)
export const momentumByHeightKey = (height: bigint): Uint8Array => concatBytes(p(Prefix.momentumByHeight), u64be(height))
export const momentumHeightByHashKey = (hash: Uint8Array): Uint8Array => concatBytes(p(Prefix.momentumHeightByHash), hash)
export const blockByHashKey = (hash: Uint8Array): Uint8Array => concatBytes(p(Prefix.blockByHash), hash)
export const accountChainKey = (address: Uint8Array, height: bigint): Uint8Array =>
  concatBytes(p(Prefix.accountChain), address, u64be(height))
export const accountChainPrefix = (address: Uint8Array): Uint8Array => concatBytes(p(Prefix.accountChain), address)
export const confirmationKey = (hash: Uint8Array): Uint8Array => concatBytes(p(Prefix.confirmation), hash)
export const balanceKey = (address: Uint8Array, zts: Uint8Array): Uint8Array => concatBytes(p(Prefix.balance), address, zts)
export const balancePrefix = (address: Uint8Array): Uint8Array => concatBytes(p(Prefix.balance), address)
export const tokenInfoKey = (zts: Uint8Array): Uint8Array => concatBytes(p(Prefix.tokenInfo), zts)
export const tokenInfoPrefix = (): Uint8Array => p(Prefix.tokenInfo)
export const receivedKey = (sendHash: Uint8Array): Uint8Array => concatBytes(p(Prefix.received), sendHash)
export const unreceivedKey = (toAddress: Uint8Array, confirmHeight: bigint, send: { address: Uint8Array; height: bigint; hash: Uint8Array }): Uint8Array =>
  concatBytes(p(Prefix.unreceived), toAddress, u64be(confirmHeight), send.address, u64be(send.height), send.hash)
export const unreceivedPrefix = (toAddress: Uint8Array): Uint8Array => concatBytes(p(Prefix.unreceived), toAddress)
export const contractStorageKey = (contract: Uint8Array, key: Uint8Array): Uint8Array =>
  concatBytes(p(Prefix.contractStorage), contract, key)
export const pendingKey = (sequence: bigint): Uint8Array => concatBytes(p(Prefix.pending), u64be(sequence))
export const pendingPrefix = (): Uint8Array => p(Prefix.pending)
export const accountFrontierKey = (address: Uint8Array): Uint8Array => concatBytes(p(Prefix.accountFrontier), address)

/** Tables whose changes a momentum's changesHash commits to (state, not indexes of momentums). */
export const STATE_PREFIXES: ReadonlySet<number> = new Set([
  Prefix.blockByHash,
  Prefix.accountChain,
  Prefix.confirmation,
  Prefix.balance,
  Prefix.tokenInfo,
  Prefix.received,
  Prefix.unreceived,
  Prefix.contractStorage,
  Prefix.accountFrontier,
])
