/**
 * stateAt(header) for the RPC: read-only views keyed by state root, the most recent few kept, so a
 * burst of reads at `latest` shares one view (and its storage-trie handles) instead of opening the
 * trie per request. Views only read content-addressed nodes, so sharing them is safe.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { StateView } from '../backend.ts'
import type { TrieNodeStore } from '../db/trieNodeStore.ts'
import { createStateView } from './createStateView.ts'

export function createStateViews(common: Common, store: TrieNodeStore, keep = 16): (stateRoot: Uint8Array) => Promise<StateView> {
  const views = new Map<string, Promise<StateView>>()
  return (stateRoot) => {
    const key = bytesToHex(stateRoot)
    const existing = views.get(key)
    if (existing !== undefined) {
      views.delete(key)
      views.set(key, existing)
      return existing
    }
    const view = createStateView(common, store, stateRoot)
    view.catch(() => views.delete(key))
    views.set(key, view)
    if (views.size > keep) views.delete(views.keys().next().value as string)
    return view
  }
}
