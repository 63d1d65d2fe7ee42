/**
 * OP Stack withdrawal identity: withdrawalHash = keccak256(abi.encode(nonce, sender, target, value,
 * gasLimit, data)) with Ethereum ABI (EVM addresses left-padded to 32 bytes), and the storage slot of
 * `sentMessages[withdrawalHash]` in the L2ToNoMMessagePasser: keccak256(abi.encode(hash, uint256(0))).
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { concatBytes, uintBE } from '../../nom/hash.ts'

export interface WithdrawalTransaction {
  nonce: bigint
  /** L2 sender, 20 bytes. */
  sender: Uint8Array
  /** 20 raw bytes of the NoM target address. */
  target: Uint8Array
  /** wei */
  value: bigint
  gasLimit: bigint
  data: Uint8Array
}

function word(x: bigint): Uint8Array {
  return uintBE(x, 32)
}

function addressWord(a: Uint8Array): Uint8Array {
  const out = new Uint8Array(32)
  out.set(a, 12)
  return out
}

/** Ethereum ABI encoding of the withdrawal tuple (the withdrawal hash preimage). */
export function encodeWithdrawal(w: WithdrawalTransaction): Uint8Array {
  const padded = new Uint8Array(Math.ceil(w.data.length / 32) * 32)
  padded.set(w.data)
  return concatBytes(
    word(w.nonce),
    addressWord(w.sender),
    addressWord(w.target),
    word(w.value),
    word(w.gasLimit),
    word(6n * 32n),
    word(BigInt(w.data.length)),
    padded,
  )
}

export function hashWithdrawal(w: WithdrawalTransaction): Uint8Array {
  return keccak_256(encodeWithdrawal(w))
}

/** Storage key of sentMessages[withdrawalHash] (mapping at slot 0). */
export function withdrawalStorageSlot(withdrawalHash: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(withdrawalHash, new Uint8Array(32)))
}
