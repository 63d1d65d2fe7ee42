/**
 * keccak-256 (the pre-NIST padding Ethereum uses) on hash-wasm's WebAssembly build.
 *
 * Every block trie, receipt bloom, KECCAK256 opcode, signing hash and sender address goes through
 * here. WebAssembly has 64-bit lanes, so one call costs 0.7 µs for 32–136 bytes and 1.9 µs for
 * 532 (a branch node) on the 2-core CI machine, against 3.5 µs and 7.7 µs for the unrolled
 * two-32-bit-halves JavaScript version this replaced and more for @noble/hashes. Node's OpenSSL has
 * no keccak (only SHA-3, whose padding differs), and the native `keccak` package measured no better
 * than that JavaScript.
 *
 * One hasher per thread (module instance), made when the module loads (WebAssembly compilation is
 * asynchronous, hence the top-level await); each call runs init, update and digest synchronously,
 * so calls never interleave. Checked against @noble/hashes in test/node/crypto/keccak256.test.ts.
 */
import { createKeccak } from 'hash-wasm'

const hasher = await createKeccak(256)

export function keccak256(data: Uint8Array): Uint8Array {
  return hasher.init().update(data).digest('binary')
}
