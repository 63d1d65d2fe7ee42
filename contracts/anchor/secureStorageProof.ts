/**
 * Secure Merkle-Patricia-trie inclusion check, as Ethereum's `eth_getProof` storage proofs need it:
 * the trie path is keccak256(key), each node is referenced by keccak256(rlp(node)) or, when its RLP
 * is shorter than 32 bytes, embedded in its parent. No EVM: keccak and RLP only.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { decode as rlpDecode } from '@ethereumjs/rlp'
import type { NestedUint8Array } from '@ethereumjs/rlp'
import { bytesEqual, toHex } from '../../nom/hash.ts'

export class StorageProofError extends Error {
  override readonly name = 'StorageProofError'
}

type Node = Uint8Array | NestedUint8Array

function nibbles(bytes: Uint8Array): number[] {
  const out: number[] = []
  for (const b of bytes) out.push(b >> 4, b & 0x0f)
  return out
}

/** Hex-prefix decoding of a leaf/extension path: returns the nibbles and whether it is a leaf. */
function decodeCompactPath(encoded: Uint8Array): { path: number[]; leaf: boolean } {
  if (encoded.length === 0) throw new StorageProofError('empty node path')
  const all = nibbles(encoded)
  const flag = all[0]!
  if (flag > 3) throw new StorageProofError(`bad node path prefix ${flag}`)
  const leaf = flag >= 2
  const odd = flag % 2 === 1
  if (!odd && all[1] !== 0) throw new StorageProofError('bad node path padding')
  return { path: all.slice(odd ? 1 : 2), leaf }
}

function decodeNode(raw: Uint8Array): NestedUint8Array {
  let node: Node
  try {
    node = rlpDecode(raw)
  } catch (e) {
    throw new StorageProofError(`node is not valid RLP (${(e as Error).message})`)
  }
  if (node instanceof Uint8Array) throw new StorageProofError('node is not an RLP list')
  return node
}

/**
 * Walks the proof from `root` along keccak256(`key`). Returns the leaf value (still RLP-encoded, as
 * stored in the trie), or `undefined` when the proof shows the key is absent. Throws
 * StorageProofError when the proof is not a valid path from `root` (missing node, bad encoding).
 */
export function verifySecureProof(root: Uint8Array, key: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | undefined {
  const byHash = new Map<string, Uint8Array>()
  for (const raw of proof) byHash.set(toHex(keccak_256(raw)), raw)
  const path = nibbles(keccak_256(key))

  let ref: Node = root
  let pos = 0
  for (let depth = 0; depth <= path.length + 1; depth++) {
    let node: NestedUint8Array
    if (ref instanceof Uint8Array) {
      if (ref.length !== 32) throw new StorageProofError(`bad node reference of ${ref.length} bytes`)
      const raw = byHash.get(toHex(ref))
      if (raw === undefined) throw new StorageProofError(`missing node ${toHex(ref)}`)
      node = decodeNode(raw)
    } else {
      node = ref
    }

    if (node.length === 17) {
      if (pos === path.length) throw new StorageProofError('branch at the end of the key path')
      const child = node[path[pos]!]!
      pos++
      if (child instanceof Uint8Array && child.length === 0) return undefined
      ref = child
      continue
    }
    if (node.length === 2) {
      const head = node[0]!
      const body = node[1]!
      if (!(head instanceof Uint8Array)) throw new StorageProofError('node path is not a byte string')
      const { path: part, leaf } = decodeCompactPath(head)
      const rest = path.slice(pos)
      if (leaf) {
        if (part.length !== rest.length || part.some((n, i) => n !== rest[i])) return undefined
        if (!(body instanceof Uint8Array)) throw new StorageProofError('leaf value is not a byte string')
        return body
      }
      if (part.length === 0 || part.length > rest.length || part.some((n, i) => n !== rest[i])) return undefined
      pos += part.length
      ref = body
      continue
    }
    throw new StorageProofError(`node has ${node.length} items`)
  }
  throw new StorageProofError('proof is deeper than the key path')
}

/** True if the RLP-encoded trie value `stored` is the storage word 1 (`sentMessages[hash] = true`). */
export function isStorageWordOne(stored: Uint8Array): boolean {
  let value: Node
  try {
    value = rlpDecode(stored)
  } catch {
    return false
  }
  return value instanceof Uint8Array && bytesEqual(value, Uint8Array.of(1))
}
