/**
 * The output root of an L2 block (OP Stack version 0): keccak256(version ‖ stateRoot ‖
 * messagePasserStorageRoot ‖ blockHash), where messagePasserStorageRoot is the storage root of the
 * L2ToNoMMessagePasser (0x4200…0016) at that block. The proposer commits it on the anchor, the anchor
 * checks ProveWithdrawal's OutputRootProof against it, nomx_outputAtBlock serves it. One function,
 * so all three agree.
 */
import { hexToBytes } from '@ethereumjs/util'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../contracts/l2/addresses.ts'
import type { NodeBackend, SealedBlock } from '../backend.ts'
import { keccak256 } from '../keccak256.ts'

/** Output root version 0: 32 zero bytes. */
export const OUTPUT_ROOT_VERSION_0: Uint8Array = new Uint8Array(32)

/** Storage root of an account without storage (keccak256(rlp(''))). */
const EMPTY_TRIE_ROOT = hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421')

const MESSAGE_PASSER = hexToBytes(L2_TO_NOM_MESSAGE_PASSER_ADDRESS)

/** Everything the output root is made of, plus the root itself. */
export interface OutputAtBlock {
  version: Uint8Array
  outputRoot: Uint8Array
  blockNumber: bigint
  blockHash: Uint8Array
  stateRoot: Uint8Array
  messagePasserStorageRoot: Uint8Array
}

/** Reads the message passer's storage root at `sealed` and hashes the four words. */
export async function outputAtBlock(backend: Pick<NodeBackend, 'stateAt'>, sealed: SealedBlock): Promise<OutputAtBlock> {
  const header = sealed.block.header
  const state = await backend.stateAt(header)
  const account = await state.getAccount(MESSAGE_PASSER)
  const messagePasserStorageRoot = account?.storageRoot ?? EMPTY_TRIE_ROOT
  const preimage = new Uint8Array(128)
  preimage.set(OUTPUT_ROOT_VERSION_0, 0)
  preimage.set(header.stateRoot, 32)
  preimage.set(messagePasserStorageRoot, 64)
  preimage.set(sealed.hash, 96)
  return {
    version: OUTPUT_ROOT_VERSION_0,
    outputRoot: keccak256(preimage),
    blockNumber: header.number,
    blockHash: sealed.hash,
    stateRoot: header.stateRoot,
    messagePasserStorageRoot,
  }
}
