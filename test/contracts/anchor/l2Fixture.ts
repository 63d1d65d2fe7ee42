/**
 * Builds an L2 state the way the L2 node holds it: the L2ToNoMMessagePasser (0x4200…0016) account
 * with sentMessages[hash] = true for each withdrawal in its storage trie, inside a state trie, and
 * returns an eth_getProof-shaped result (accountProof, storageHash, storageProof[{key,value,proof}])
 * plus the OP output root over it. Everything comes from @ethereumjs/mpt, independent of the anchor.
 */
import { createMPT, createMerkleProof } from '@ethereumjs/mpt'
import { encode as rlpEncode } from '@ethereumjs/rlp'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { concatBytes, fromHex, toHex, uintBE } from '../../../nom/hash.ts'
import type { WithdrawalTransaction } from '../../../contracts/anchor/withdrawalHash.ts'
import { hashWithdrawal, withdrawalStorageSlot } from '../../../contracts/anchor/withdrawalHash.ts'
import { L2_MESSAGE_PASSER } from '../../../contracts/anchor/constants.ts'

export interface EthGetProofResult {
  address: string
  accountProof: string[]
  balance: string
  codeHash: string
  nonce: string
  storageHash: string
  storageProof: { key: string; value: string; proof: string[] }[]
}

export interface L2Fixture {
  stateRoot: Uint8Array
  messagePasserStorageRoot: Uint8Array
  latestBlockhash: Uint8Array
  outputRoot: Uint8Array
  withdrawalHash: Uint8Array
  getProof: EthGetProofResult
}

const EMPTY_TRIE_ROOT = fromHex('56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421')
const hex = (b: Uint8Array): string => `0x${toHex(b)}`

export async function buildL2Fixture(all: WithdrawalTransaction[], proveIndex: number, blockSalt = 1): Promise<L2Fixture> {
  const storage = await createMPT({ useKeyHashing: true })
  for (const w of all) await storage.put(withdrawalStorageSlot(hashWithdrawal(w)), rlpEncode(Uint8Array.of(1)))
  const messagePasserStorageRoot = storage.root()
  const state = await createMPT({ useKeyHashing: true })
  const codeHash = keccak_256(fromHex('6080604052'))
  const account = rlpEncode([new Uint8Array(), uintBE(5n * 10n ** 18n, 32).subarray(24), messagePasserStorageRoot, codeHash])
  await state.put(L2_MESSAGE_PASSER, account)
  for (let i = 1; i <= 20; i++) {
    const other = new Uint8Array(20)
    other[19] = i
    await state.put(other, rlpEncode([uintBE(BigInt(i), 1), uintBE(BigInt(i) * 1000n, 4), EMPTY_TRIE_ROOT, keccak_256(new Uint8Array())]))
  }
  const stateRoot = state.root()
  const latestBlockhash = keccak_256(concatBytes(stateRoot, Uint8Array.of(blockSalt)))
  const outputRoot = keccak_256(concatBytes(new Uint8Array(32), stateRoot, messagePasserStorageRoot, latestBlockhash))
  const withdrawalHash = hashWithdrawal(all[proveIndex]!)
  const slot = withdrawalStorageSlot(withdrawalHash)
  const storageProof = await createMerkleProof(storage, slot)
  const accountProof = await createMerkleProof(state, L2_MESSAGE_PASSER)
  return {
    stateRoot,
    messagePasserStorageRoot,
    latestBlockhash,
    outputRoot,
    withdrawalHash,
    getProof: {
      address: hex(L2_MESSAGE_PASSER),
      accountProof: accountProof.map(hex),
      balance: '0x4563918244f40000',
      codeHash: hex(codeHash),
      nonce: '0x0',
      storageHash: hex(messagePasserStorageRoot),
      storageProof: [{ key: hex(slot), value: '0x1', proof: storageProof.map(hex) }],
    },
  }
}

/** eth_getProof hex nodes → bytes. */
export function proofNodes(p: { proof: string[] }): Uint8Array[] {
  return p.proof.map((h) => fromHex(h.slice(2)))
}
