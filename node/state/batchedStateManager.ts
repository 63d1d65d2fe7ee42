/**
 * A MerkleStateManager whose cache flush (once per block, when the sequencer asks for the state
 * root) writes the changed storage slots and accounts with applyTrieUpdates: one pass per trie, each
 * changed node hashed once, instead of the library's one `put` per slot and per account. Code is
 * still flushed by the library (a few contracts per block at most). The tries and roots it leaves
 * are the ones the library's flush leaves.
 */
import { RLP } from '@ethereumjs/rlp'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { createAddressFromString, unprefixedHexToBytes } from '@ethereumjs/util'
import { applyTrieUpdates, supportsBatchUpdates } from './applyTrieUpdates.ts'

export class BatchedMerkleStateManager extends MerkleStateManager {
  override async flush(): Promise<void> {
    const caches = this._caches
    if (caches !== undefined && supportsBatchUpdates(this._trie) && !this._prefixStorageTrieKeys) {
      const bySlotOwner = new Map<string, [Uint8Array, Uint8Array | undefined][]>()
      for (const [addressHex, keyHex, value] of caches.storage?.flush() ?? []) {
        const decoded = RLP.decode(value ?? new Uint8Array(0))
        const stored = decoded instanceof Uint8Array && decoded.length > 0 ? RLP.encode(decoded) : undefined
        let slots = bySlotOwner.get(addressHex)
        if (slots === undefined) bySlotOwner.set(addressHex, (slots = []))
        slots.push([unprefixedHexToBytes(keyHex), stored])
      }
      for (const [addressHex, slots] of bySlotOwner) {
        const address = createAddressFromString(`0x${addressHex}`)
        const account = await this.getAccount(address)
        // As the library: storage of an account that no longer exists is not written.
        if (account === undefined) continue
        const storageTrie = this._getStorageTrie(address, account)
        await applyTrieUpdates(storageTrie, slots)
        account.storageRoot = storageTrie.root()
        await this.putAccount(address, account)
      }
      const accounts = (caches.account?.flush() ?? []).map(
        ([addressHex, element]): [Uint8Array, Uint8Array | undefined] => [unprefixedHexToBytes(addressHex), element.accountRLP],
      )
      if (accounts.length > 0) await applyTrieUpdates(this._trie, accounts)
    }
    await super.flush()
  }
}
