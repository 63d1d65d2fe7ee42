/**
 * NoM data as the client and the devnet hold it: bigint for every integer, Uint8Array for every
 * byte string. The go-zenon JSON forms (decimal-string amounts, base64 data, hex hashes) exist only
 * in the JSON codecs. Field names are go-zenon's JSON keys.
 */

/** 20 bytes: type byte (0x00 user, 0x01 embedded contract) + 19 core bytes. */
export type Address = Uint8Array
/** 10 bytes (ZTS id). */
export type TokenStandard = Uint8Array
/** 32 bytes, SHA3-256. */
export type Hash = Uint8Array

export const BlockType = {
  GenesisReceive: 1,
  UserSend: 2,
  UserReceive: 3,
  ContractSend: 4,
  ContractReceive: 5,
} as const
export type BlockType = (typeof BlockType)[keyof typeof BlockType]

export interface HashHeight {
  hash: Hash
  height: bigint
}

/** A momentum content entry / account block header. */
export interface AccountHeader {
  address: Address
  hash: Hash
  height: bigint
}

export interface AccountBlock {
  version: bigint
  chainIdentifier: bigint
  blockType: BlockType
  hash: Hash
  previousHash: Hash
  height: bigint
  momentumAcknowledged: HashHeight
  address: Address
  toAddress: Address
  amount: bigint
  tokenStandard: TokenStandard
  fromBlockHash: Hash
  /** Contract receives only: the ContractSend blocks it emitted (heights before the receive). */
  descendantBlocks: AccountBlock[]
  data: Uint8Array
  fusedPlasma: bigint
  difficulty: bigint
  /** 8 raw bytes. */
  nonce: Uint8Array
  basePlasma: bigint
  usedPlasma: bigint
  changesHash: Hash
  /** 32 bytes; empty for contract blocks. */
  publicKey: Uint8Array
  /** 64 bytes; empty for contract blocks. */
  signature: Uint8Array
}

export interface Momentum {
  version: bigint
  chainIdentifier: bigint
  hash: Hash
  previousHash: Hash
  height: bigint
  /** Unix seconds. */
  timestamp: bigint
  data: Uint8Array
  content: AccountHeader[]
  changesHash: Hash
  publicKey: Uint8Array
  signature: Uint8Array
}

export interface TokenInfo {
  name: string
  symbol: string
  domain: string
  totalSupply: bigint
  decimals: number
  owner: Address
  tokenStandard: TokenStandard
  maxSupply: bigint
  isBurnable: boolean
  isMintable: boolean
  isUtility: boolean
}

export interface ConfirmationDetail {
  numConfirmations: bigint
  momentumHeight: bigint
  momentumHash: Hash
  momentumTimestamp: bigint
}
