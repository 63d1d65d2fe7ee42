/**
 * Read-only state at one state root (what `stateAt(header)` returns): its own state manager over
 * the same trie-node store, so reads never disturb the sequencer's caches. Proofs are EIP-1186.
 */
import { getMerkleStateProof } from '@ethereumjs/statemanager'
import { Address, KECCAK256_NULL, KECCAK256_RLP, hexToBytes } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { AccountProof, StateView } from '../backend.ts'
import type { TrieNodeStore } from '../db/trieNodeStore.ts'
import { createStateManager } from './createStateManager.ts'

function pad32(value: Uint8Array): Uint8Array {
  if (value.length === 32) return value
  const out = new Uint8Array(32)
  out.set(value, 32 - value.length)
  return out
}

export async function createStateView(common: Common, store: TrieNodeStore, stateRoot: Uint8Array): Promise<StateView> {
  const state = await createStateManager({ common, store: store.shallowCopy() as TrieNodeStore, root: stateRoot })
  return {
    async getAccount(address) {
      const account = await state.getAccount(new Address(address))
      if (account === undefined) return undefined
      return { nonce: account.nonce, balance: account.balance, codeHash: account.codeHash, storageRoot: account.storageRoot }
    },
    async getCode(address) {
      return state.getCode(new Address(address))
    },
    async getStorage(address, slot) {
      return pad32(await state.getStorage(new Address(address), pad32(slot)))
    },
    async getProof(address, slots): Promise<AccountProof> {
      const proof = await getMerkleStateProof(state, new Address(address), slots.map(pad32))
      const account = await state.getAccount(new Address(address))
      return {
        address,
        accountProof: proof.accountProof.map((p) => hexToBytes(p)),
        balance: account?.balance ?? 0n,
        codeHash: account?.codeHash ?? KECCAK256_NULL,
        nonce: account?.nonce ?? 0n,
        storageHash: account?.storageRoot ?? KECCAK256_RLP,
        storageProof: proof.storageProof.map((entry, i) => ({
          key: slots[i] as Uint8Array,
          value: BigInt(entry.value),
          proof: entry.proof.map((p) => hexToBytes(p)),
        })),
      }
    },
  }
}
