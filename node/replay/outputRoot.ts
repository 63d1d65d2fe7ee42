/**
 * The output root a commitment carries for L2 block N (bridge/README.md §3, OP Stack version 0):
 * keccak256(bytes32(0) ‖ stateRoot(N) ‖ storage root of the message passer 0x4200…0016 at N ‖ hash(N)).
 *
 * contracts/anchor/outputRoot.ts hashes the same four words on NoM's side (it checks proofs against
 * it); node/ cannot import it (it pulls in nom/), so this is the L2 side's one copy.
 */
import { KECCAK256_RLP, concatBytes, hexToBytes } from '@ethereumjs/util'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../contracts/l2/addresses.ts'
import type { NodeBackend, SealedBlock, StateView } from '../backend.ts'
import { keccak256 } from '../keccak256.ts'

export const OUTPUT_ROOT_VERSION = new Uint8Array(32)

const MESSAGE_PASSER = hexToBytes(L2_TO_NOM_MESSAGE_PASSER_ADDRESS)

/** keccak256(version 0 ‖ stateRoot ‖ messagePasserStorageRoot ‖ blockHash). */
export function computeOutputRoot(stateRoot: Uint8Array, messagePasserStorageRoot: Uint8Array, blockHash: Uint8Array): Uint8Array {
  return keccak256(concatBytes(OUTPUT_ROOT_VERSION, stateRoot, messagePasserStorageRoot, blockHash))
}

/** Storage root of the message passer in `state` (the empty trie's root when it has no account). */
export async function messagePasserStorageRoot(state: StateView): Promise<Uint8Array> {
  return (await state.getAccount(MESSAGE_PASSER))?.storageRoot ?? KECCAK256_RLP
}

/** The output root of `block`, reading the message passer from the backend's state at that block. */
export async function outputRootOf(block: SealedBlock, backend: Pick<NodeBackend, 'stateAt'>): Promise<Uint8Array> {
  const header = block.block.header
  return computeOutputRoot(header.stateRoot, await messagePasserStorageRoot(await backend.stateAt(header)), block.hash)
}
