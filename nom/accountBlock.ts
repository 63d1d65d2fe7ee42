/** Account blocks: defaults, the 306-byte hash preimage (reference §2.3), hashing and signing. */
import type { AccountBlock, Hash } from './types.ts'
import { BlockType } from './types.ts'
import type { KeyPair } from './keys.ts'
import { sign } from './keys.ts'
import { ZERO_ADDRESS } from './address.ts'
import { ZERO_ZTS } from './tokenStandard.ts'
import { EMPTY_HASH, ZERO_HASH, concatBytes, sha3, u64be, uintBE } from './hash.ts'
import { ACCOUNT_BLOCK_VERSION } from './constants.ts'

/** A block with every field at its zero/default value (version 1, chain 1, UserSend). */
export function emptyAccountBlock(fields: Partial<AccountBlock> = {}): AccountBlock {
  return {
    version: ACCOUNT_BLOCK_VERSION,
    chainIdentifier: 1n,
    blockType: BlockType.UserSend,
    hash: ZERO_HASH,
    previousHash: ZERO_HASH,
    height: 0n,
    momentumAcknowledged: { hash: ZERO_HASH, height: 0n },
    address: ZERO_ADDRESS,
    toAddress: ZERO_ADDRESS,
    amount: 0n,
    tokenStandard: ZERO_ZTS,
    fromBlockHash: ZERO_HASH,
    descendantBlocks: [],
    data: new Uint8Array(0),
    fusedPlasma: 0n,
    difficulty: 0n,
    nonce: new Uint8Array(8),
    basePlasma: 0n,
    usedPlasma: 0n,
    changesHash: ZERO_HASH,
    publicKey: new Uint8Array(0),
    signature: new Uint8Array(0),
    ...fields,
  }
}

/** H(concat of the descendants' hashes); H("") with none. */
export function descendantBlocksHash(descendants: readonly AccountBlock[]): Hash {
  return sha3(...descendants.map((d) => d.hash))
}

function fixed(name: string, b: Uint8Array, width: number): Uint8Array {
  if (b.length !== width) throw new RangeError(`account block ${name} must be ${width} bytes, got ${b.length}`)
  return b
}

/** The bytes whose SHA3-256 is the block hash (306 bytes). */
export function accountBlockPreimage(b: AccountBlock): Uint8Array {
  return concatBytes(
    u64be(b.version),
    u64be(b.chainIdentifier),
    u64be(BigInt(b.blockType)),
    fixed('previousHash', b.previousHash, 32),
    u64be(b.height),
    fixed('momentumAcknowledged.hash', b.momentumAcknowledged.hash, 32),
    u64be(b.momentumAcknowledged.height),
    fixed('address', b.address, 20),
    fixed('toAddress', b.toAddress, 20),
    uintBE(b.amount, 32),
    fixed('tokenStandard', b.tokenStandard, 10),
    fixed('fromBlockHash', b.fromBlockHash, 32),
    b.descendantBlocks.length === 0 ? EMPTY_HASH : descendantBlocksHash(b.descendantBlocks),
    sha3(b.data),
    u64be(b.fusedPlasma),
    u64be(b.difficulty),
    fixed('nonce', b.nonce, 8),
  )
}

export function hashAccountBlock(b: AccountBlock): Hash {
  return sha3(accountBlockPreimage(b))
}

/** Returns a copy with publicKey, hash and signature set for `keyPair`. */
export function signAccountBlock(b: AccountBlock, keyPair: KeyPair): AccountBlock {
  const withKey: AccountBlock = { ...b, publicKey: keyPair.publicKey }
  const hash = hashAccountBlock(withKey)
  return { ...withKey, hash, signature: sign(keyPair.privateKey, hash) }
}
