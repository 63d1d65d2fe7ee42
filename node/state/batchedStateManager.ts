/**
 * A MerkleStateManager whose cache flush (once per block, when the sequencer asks for the state
 * root) writes the changed storage slots and accounts with applyTrieUpdates: one pass per trie, each
 * changed node hashed once, instead of the library's one `put` per slot and per account. Code is
 * still flushed by the library (a few contracts per block at most). The tries and roots it leaves
 * are the ones the library's flush leaves.
 *
 * With a storage cache, `putStorage` writes the cache only. The library's version means to, but
 * its `cache.put(…) ?? write()` also writes the storage trie on every SSTORE (the cache's put
 * returns undefined), re-hashing the contract's storage path and account per write. Reads still
 * see every write (the cache answers first), reverts undo it (the cache is checkpointed), and the
 * flush writes it; only the contract's storageRoot field is then current at block end instead of
 * after each write, and nothing reads it mid-block (proofs and roots are taken at block ends).
 * A deleted account's storage stays deleted when the account is created again (see deleteAccount).
 */
import { RLP } from '@ethereumjs/rlp'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { EthereumJSErrorWithoutCode, bytesToUnprefixedHex, createAddressFromString, unpadBytes, unprefixedHexToBytes } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { Account, Address } from '@ethereumjs/util'
import { applyTrieUpdates, supportsBatchUpdates } from './applyTrieUpdates.ts'
import { AccountElement, copyAccount } from './objectAccountCache.ts'

export class BatchedMerkleStateManager extends MerkleStateManager {
  /**
   * Also forgets the account's storage trie handle: the library keeps it, so an account re-created
   * at the same address (CREATE2 after a same-tx SELFDESTRUCT) would see the deleted storage again.
   */
  override async deleteAccount(address: Address): Promise<void> {
    await super.deleteAccount(address)
    delete this._storageTries[bytesToUnprefixedHex(this._keccak(address.bytes))]
  }

  private _keccak(bytes: Uint8Array): Uint8Array {
    return (this.common.customCrypto.keccak256 ?? keccak_256)(bytes)
  }

  /** A copy of the cached account object when the cache holds one (objectAccountCache.ts): no RLP decode. */
  override async getAccount(address: Address): Promise<Account | undefined> {
    const element = this._caches?.account?.get(address)
    if (element instanceof AccountElement) return copyAccount(element.account)
    return super.getAccount(address)
  }

  override async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    const storage = this._caches?.storage
    if (storage === undefined) return super.putStorage(address, key, value)
    // The library's checks and messages, in its order.
    if (key.length !== 32) throw EthereumJSErrorWithoutCode('Storage key must be 32 bytes long')
    if (value.length > 32) throw EthereumJSErrorWithoutCode('Storage value cannot be longer than 32 bytes')
    if ((await this.getAccount(address)) === undefined) throw EthereumJSErrorWithoutCode('putStorage() called on non-existing account')
    storage.put(address, key, RLP.encode(unpadBytes(value)))
  }

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
