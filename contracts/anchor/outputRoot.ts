/** OP Stack output root, version 0: keccak256(version ‖ stateRoot ‖ messagePasserStorageRoot ‖ latestBlockhash). */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { concatBytes } from '../../nom/hash.ts'

export interface OutputRootProof {
  version: Uint8Array
  stateRoot: Uint8Array
  messagePasserStorageRoot: Uint8Array
  latestBlockhash: Uint8Array
}

export const OUTPUT_ROOT_VERSION_0: Uint8Array = new Uint8Array(32)

export function hashOutputRootProof(p: OutputRootProof): Uint8Array {
  return keccak_256(concatBytes(p.version, p.stateRoot, p.messagePasserStorageRoot, p.latestBlockhash))
}
