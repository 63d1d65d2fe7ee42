/**
 * The @ethereumjs/tx object of a decoded, signature-checked transaction, the one the VM executes and
 * the pool, blocks and JSON-RPC hold, with its recovered sender and hash cached.
 *
 * The library's constructors (`createTxFromRLP`) decode the bytes again, copy the Common, and turn
 * every field into bytes and back through hex strings: ~11 µs and ~15 KB of garbage per tx, which a
 * replica paid for every tx of every block on its main thread, and admission for every tx. For the
 * common case this module makes the same object directly: an object of the library's class
 * (`Object.create` of its prototype) given the same own properties, in the constructor's order,
 * from the fields decodeTransaction.ts already parsed. All txs a builder makes share one copy of
 * the Common and one options object (the library gives each its own copy of the same Common; none
 * is ever changed: the chain's hardfork is fixed).
 *
 * The direct path is taken only when the constructor could not refuse the tx or set anything else:
 * types 0–2; a legacy v that is EIP-155 for this chain; a y parity of 0 or 1; s in the lower half;
 * tip not above the fee cap; gas × fee cap within 2^256; nonce below 2^64 − 1; the EIP-7825 gas cap
 * and EIP-3860 init code size, where active. Anything else goes through `createTxFromRLP`, so its
 * refusals keep the library's messages. The layout the direct path writes is checked once per
 * builder against a tx the library built (same class, same own properties in the same order);
 * if the library changes it, making a builder throws LibraryTxLayoutError.
 * test/node/txpool/libraryTx.test.ts compares every field and method result with the library's
 * objects on varied txs.
 */
import { createTx, createTxFromRLP, type TypedTransaction } from '@ethereumjs/tx'
import { Address, MAX_INTEGER, SECP256K1_ORDER_DIV_2 } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import { PRELOADED_PARAMS } from '../execution/chainCommon.ts'
import { TxType, type DecodedTransaction } from './decodeTransaction.ts'

export class LibraryTxLayoutError extends Error {
  override name = 'LibraryTxLayoutError'
}

/** A tx the library refuses to build, with its reason. */
export interface Unbuildable {
  unbuildable: string
}

export interface LibraryTxBuilder {
  /**
   * The library object for `decoded` (its signature already checked: `senderPublicKey` recovered,
   * `sender` its address), frozen, with hash, public key and sender cached and `serialize()`
   * answering the bytes received; or the library's reason for refusing it.
   */
  build(decoded: DecodedTransaction, senderPublicKey: Uint8Array, sender: Uint8Array): TypedTransaction | Unbuildable
}

const MAX_UINT64 = (1n << 64n) - 1n
/** Own properties the constructors set, in their order (@ethereumjs/tx 10). */
const SHARED = ['type', 'cache', 'activeCapabilities', 'common', 'txOptions', 'to', 'nonce', 'gasLimit', 'value', 'data', 'v', 'r', 's']
const LAYOUTS: Record<number, string[]> = {
  [TxType.Legacy]: [...SHARED, 'gasPrice', 'keccakFunction'],
  [TxType.AccessList]: [...SHARED, 'chainId', 'accessList', 'gasPrice'],
  [TxType.DynamicFee]: [...SHARED, 'chainId', 'accessList', 'maxFeePerGas', 'maxPriorityFeePerGas'],
}

/** Caches set and methods replaced on every built tx, before it is frozen. */
function finish(tx: TypedTransaction, decoded: DecodedTransaction, senderPublicKey: Uint8Array, sender: Uint8Array): TypedTransaction {
  // Recovered once: the VM's getSenderAddress() and hash() read these caches.
  tx.cache.senderPubKey = senderPublicKey
  tx.cache.hash = decoded.hash
  // decodeTransaction accepts canonical RLP only, so the bytes received are the tx's serialization:
  // re-encoding them for every block trie, body and size is not needed.
  const raw = decoded.raw
  tx.serialize = () => raw
  // The library hashes the public key again on every getSenderAddress() (runTx asks several times).
  const senderAddress = new Address(sender)
  tx.getSenderAddress = () => senderAddress
  // Frozen as the library freezes by default (its hash/sender caches apply to frozen txs only).
  Object.freeze(tx)
  return tx
}

const builders = new WeakMap<Common, LibraryTxBuilder>()

/** The builder for txs of `common`'s chain (made once per Common). */
export function libraryTxBuilder(common: Common): LibraryTxBuilder {
  let builder = builders.get(common)
  if (builder === undefined) builders.set(common, (builder = createLibraryTxBuilder(common)))
  return builder
}

/** Builds library txs from decoded fields. Throws LibraryTxLayoutError if the library's layout changed. */
export function createLibraryTxBuilder(common: Common): LibraryTxBuilder {
  const options = { common, params: PRELOADED_PARAMS, freeze: false }
  const shared = common.copy()
  const chainId = common.chainId()
  const keccakFunction = common.customCrypto.keccak256
  const eip155V = [chainId * 2n + 35n, chainId * 2n + 36n]
  const gasCap = common.isActivatedEIP(7825) && !common.isActivatedEIP(8037) ? common.param('maxTransactionGasLimit') : undefined
  const initCodeLimit = common.isActivatedEIP(3860) ? Number(common.param('maxInitCodeSize')) : undefined
  // The library's class per type, once a tx it built shows the layout `assemble` writes.
  const prototypes = new Map<number, object>()
  for (const type of [TxType.Legacy, TxType.AccessList, TxType.DynamicFee]) {
    const fees = type === TxType.DynamicFee ? { maxFeePerGas: 2n, maxPriorityFeePerGas: 1n } : { gasPrice: 2n }
    const sample = createTx({ type, nonce: 1n, gasLimit: 21_000n, to: new Uint8Array(20), value: 1n, data: new Uint8Array(), v: type === TxType.Legacy ? eip155V[0] : 0n, r: 1n, s: 1n, ...fees }, options)
    const keys = Object.keys(sample).join(', ')
    if (keys !== LAYOUTS[type]!.join(', ')) {
      throw new LibraryTxLayoutError(`@ethereumjs/tx type ${type} txs have the own properties ${keys}, not ${LAYOUTS[type]!.join(', ')}`)
    }
    prototypes.set(type, Object.getPrototypeOf(sample) as object)
  }

  function viaLibrary(decoded: DecodedTransaction): TypedTransaction | Unbuildable {
    try {
      return createTxFromRLP(decoded.raw, options)
    } catch (error) {
      return { unbuildable: error instanceof Error ? error.message : String(error) }
    }
  }

  /** Whether the constructor of `decoded`'s type would build it exactly as `direct` does. */
  function direct(decoded: DecodedTransaction): boolean {
    const { type } = decoded
    if (type !== TxType.Legacy && type !== TxType.AccessList && type !== TxType.DynamicFee) return false
    if (keccakFunction === undefined && type === TxType.Legacy) return false
    if (type === TxType.Legacy ? !eip155V.includes(decoded.v) : decoded.v > 1n || decoded.chainId !== chainId) return false
    if (decoded.s > SECP256K1_ORDER_DIV_2 || decoded.tipCap > decoded.feeCap || decoded.nonce >= MAX_UINT64) return false
    if (decoded.gasLimit * decoded.feeCap > MAX_INTEGER) return false
    if (gasCap !== undefined && decoded.gasLimit > gasCap) return false
    if (initCodeLimit !== undefined && decoded.to === undefined && decoded.data.length > initCodeLimit) return false
    return true
  }

  /** The object the constructor makes, properties in LAYOUTS order. */
  function assemble(decoded: DecodedTransaction): TypedTransaction {
    const tx = Object.create(prototypes.get(decoded.type)!) as Record<string, unknown>
    tx.type = decoded.type
    tx.cache = {}
    tx.activeCapabilities = decoded.type === TxType.Legacy ? [155] : decoded.type === TxType.AccessList ? [2718, 2930] : [1559, 2718, 2930]
    tx.common = shared
    tx.txOptions = options
    tx.to = decoded.to === undefined ? undefined : new Address(decoded.to)
    tx.nonce = decoded.nonce
    tx.gasLimit = decoded.gasLimit
    tx.value = decoded.value
    tx.data = decoded.data
    tx.v = decoded.v
    tx.r = decoded.r
    tx.s = decoded.s
    if (decoded.type === TxType.Legacy) {
      tx.gasPrice = decoded.feeCap
      tx.keccakFunction = keccakFunction
    } else {
      tx.chainId = chainId
      tx.accessList = decoded.accessList
      if (decoded.type === TxType.AccessList) {
        tx.gasPrice = decoded.feeCap
      } else {
        tx.maxFeePerGas = decoded.feeCap
        tx.maxPriorityFeePerGas = decoded.tipCap
      }
    }
    return tx as unknown as TypedTransaction
  }

  return {
    build(decoded, senderPublicKey, sender) {
      const tx = direct(decoded) ? assemble(decoded) : viaLibrary(decoded)
      return 'unbuildable' in tx ? tx : finish(tx, decoded, senderPublicKey, sender)
    },
  }
}
