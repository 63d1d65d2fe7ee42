/**
 * Key layout of the deposit watcher's level database (`<dataDir>`, e.g. `<l2 dataDir>/bridge/deposits`).
 * Keys are `prefix(1) ‖ fields`, fixed width, so a prefix scan is in height / index order.
 *
 * | prefix | key fields | value |
 * |---|---|---|
 * | 0 meta | — | u64be(chainId) the store belongs to |
 * | 1 cursor | — | rlp([scannedHeight, nextIndex]) |
 * | 2 momentum | u64be(height) | hash(32) ‖ u64be(timestamp), every scanned momentum |
 * | 3 deposit | u64be(index) | rlp(deposit record + send hash + token metadata), see watcherStore.ts |
 * | 4 source | sourceHash(32) | u64be(index) |
 */
import { concatBytes, u64be } from '../../nom/hash.ts'

export const META_KEY = Uint8Array.of(0)
export const CURSOR_KEY = Uint8Array.of(1)
export const MOMENTUM_PREFIX = 2
export const DEPOSIT_PREFIX = 3
export const SOURCE_PREFIX = 4

export const momentumKey = (height: bigint): Uint8Array => concatBytes(Uint8Array.of(MOMENTUM_PREFIX), u64be(height))
export const depositKey = (index: bigint): Uint8Array => concatBytes(Uint8Array.of(DEPOSIT_PREFIX), u64be(index))
export const sourceKey = (sourceHash: Uint8Array): Uint8Array => concatBytes(Uint8Array.of(SOURCE_PREFIX), sourceHash)
