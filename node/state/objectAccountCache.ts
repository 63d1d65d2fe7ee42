/**
 * The state manager's account cache, holding Account objects instead of their RLP.
 *
 * @ethereumjs/statemanager's AccountCache serializes an account on every put and the state manager
 * decodes it again on every get: a value transfer pays three of each (sender, recipient, coinbase),
 * around a tenth of a replayed block's execution. This cache keeps a private copy of the account and
 * hands out copies (the callers mutate what they get); the RLP the flush and the library read
 * (`accountRLP`) is made once, when first asked for. Checkpoints, reverts, deletions and the flush
 * are the library's, unchanged: the element is the same shape.
 */
import { AccountCache } from '@ethereumjs/statemanager'
import { Account, bytesToUnprefixedHex } from '@ethereumjs/util'
import type { Address } from '@ethereumjs/util'

/** The same fields a serialize/decode round trip keeps (codeSize and version are not stored). */
export function copyAccount(account: Account): Account {
  return new Account(account.nonce, account.balance, account.storageRoot, account.codeHash)
}

/** A cache element whose RLP is made on first use. */
export class AccountElement {
  private rlp: Uint8Array | undefined
  constructor(readonly account: Account) {}
  get accountRLP(): Uint8Array {
    return (this.rlp ??= this.account.serialize())
  }
}

export class ObjectAccountCache extends AccountCache {
  override put(address: Address, account: Account | undefined, couldBePartialAccount = false): void {
    if (account === undefined || couldBePartialAccount) return super.put(address, account, couldBePartialAccount)
    const key = bytesToUnprefixedHex(address.bytes)
    this._saveCachePreState(key)
    const element = new AccountElement(copyAccount(account))
    if (this._lruCache !== undefined) this._lruCache.set(key, element)
    else this._orderedMapCache!.setElement(key, element)
    this._stats.writes += 1
  }
}
