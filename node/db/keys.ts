/**
 * Every key layout of the node's level database, in one place. Keys and values are raw bytes
 * (`view` encoding). Numbers in keys are 8-byte big-endian so level's byte order is chain order.
 *
 * | sublevel    | key                         | value                                                          |
 * |-------------|-----------------------------|----------------------------------------------------------------|
 * | `headers`   | block hash (32)             | RLP of the block header                                        |
 * | `bodies`    | block hash (32)             | RLP [ [tx bytes (EIP-2718)…], [sender (20)…] ]                 |
 * | `receipts`  | block hash (32)             | RLP [ [type, status, cumulativeGasUsed, gasUsed, effectiveGasPrice, contractAddress, logs]… ] (see chain/receiptCodec.ts) |
 * | `txLookup`  | tx hash (32)                | RLP [ block number, block hash, index ]                        |
 * | `logs`      | block number (8)            | RLP [ block hash, timestamp, [ [address, [topic…], data, txIndex, txHash]… ] ]; only blocks with logs |
 * | `canonical` | block number (8)            | block hash (32)                                                |
 * | `heads`     | `latest` / `safe` / `finalized` (ASCII) | block hash (32)                                    |
 * | `state`     | trie node key (hash, or prefixed code hash / storage node key) | node bytes            |
 * | `txpool`    | tx hash (32)                | raw tx bytes: the tx pool's journal                            |
 * | `meta`      | `genesisHash` (ASCII)       | genesis block hash, checked at open                            |
 * | `meta`      | `verifier/…` (ASCII prefix) | a verifier's checkpoints, position and anchor calls: bridge/verifier/storeKeys.ts |
 */

export const SUBLEVELS = ['headers', 'bodies', 'receipts', 'txLookup', 'logs', 'canonical', 'heads', 'state', 'txpool', 'meta'] as const
export type SublevelName = (typeof SUBLEVELS)[number]

export type HeadName = 'latest' | 'safe' | 'finalized'

const encoder = new TextEncoder()

/** Key of a head pointer in `heads`. */
export function headKey(name: HeadName): Uint8Array {
  return encoder.encode(name)
}

/** Key of the genesis hash in `meta`. */
export const GENESIS_HASH_KEY = encoder.encode('genesisHash')

/** 8-byte big-endian block number: the key of `canonical` and `logs`. */
export function blockNumberKey(number: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, number)
  return out
}

export function blockNumberFromKey(key: Uint8Array): bigint {
  return new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(0)
}
