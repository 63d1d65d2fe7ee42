/**
 * Where the tx pool keeps every admitted transaction so it survives a restart or `kill -9`: raw
 * bytes by hash. `add` resolves only after `put` has resolved, and a replaced or evicted tx is
 * deleted after its successor is written, so a crash between the two leaves both (the replay at
 * start keeps the better one). The node adapts a level sublevel to this interface.
 */
export interface JournalStore {
  put(hash: Uint8Array, raw: Uint8Array): Promise<void>
  delete(hashes: Uint8Array[]): Promise<void>
  entries(): AsyncIterable<[Uint8Array, Uint8Array]>
}
