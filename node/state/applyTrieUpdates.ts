/**
 * Applies many key updates to a Merkle-Patricia trie at once and hashes every changed node once.
 *
 * @ethereumjs/mpt's `put` walks from the root, rewrites the path and re-encodes, re-hashes and
 * re-stores every node on it, for each key: at the end of a 2,000-transfer block the account trie
 * hashes (and stores) its top nodes 2,000 times. Here the updates are applied to an in-memory copy
 * of the touched part of the trie first; unchanged subtrees keep their stored hashes, and each
 * changed node is encoded, hashed and written once. Nodes are encoded exactly as the library
 * encodes them (same RLP shapes, same inline-below-32-bytes rule, root always stored by hash), so
 * the root is the one sequential puts would give; test/node/state/applyTrieUpdates.test.ts checks
 * that against the library on random updates.
 *
 * Keys are given as to `trie.put` (a secure trie hashes them); an undefined or empty value deletes
 * the key, as `put` does. Only for tries without key prefix, root persistence or pruning (see
 * supportsBatchUpdates): the node uses none of them.
 */
import { RLP } from '@ethereumjs/rlp'
import { BranchMPTNode, ExtensionMPTNode, LeafMPTNode } from '@ethereumjs/mpt'
import { equalsBytes } from '@ethereumjs/util'
import type { MerklePatriciaTrie } from '@ethereumjs/mpt'
import type { BatchDBOp } from '@ethereumjs/util'
import { hexPrefix } from './hexPrefix.ts'

type RawNode = Uint8Array | RawNode[]

/** A child reference as stored in the parent: a 32-byte hash, an inline raw node, or a node in memory. */
type Ref = Uint8Array | RawNode[] | MemNode

interface Leaf {
  kind: 'leaf'
  path: number[]
  value: Uint8Array
}
interface Extension {
  kind: 'extension'
  path: number[]
  child: Ref
}
interface Branch {
  kind: 'branch'
  children: (Ref | null)[]
  value: Uint8Array | null
}
type MemNode = Leaf | Extension | Branch

/** How a trie reads a node by reference, hashes, and turns a key into its path. */
interface TrieAccess {
  load(ref: Uint8Array | RawNode[]): Promise<MemNode>
  hash(bytes: Uint8Array): Uint8Array
  appliedKey(key: Uint8Array): Uint8Array
}

/** The library's protected members this module relies on (stable across @ethereumjs/mpt 10). */
interface TrieInternals {
  hash(bytes: Uint8Array): Uint8Array
  appliedKey(key: Uint8Array): Uint8Array
  _opts: { keyPrefix?: Uint8Array; useRootPersistence?: boolean; useNodePruning?: boolean }
}

function isMemNode(ref: Ref): ref is MemNode {
  return !(ref instanceof Uint8Array) && !Array.isArray(ref)
}

function toNibbles(key: Uint8Array): number[] {
  const out = new Array<number>(key.length * 2)
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = (key[i] as number) >> 4
    out[2 * i + 1] = (key[i] as number) & 15
  }
  return out
}

function fromLibraryNode(node: BranchMPTNode | ExtensionMPTNode | LeafMPTNode): MemNode {
  if (node instanceof LeafMPTNode) return { kind: 'leaf', path: node.key(), value: node.value() as Uint8Array }
  if (node instanceof ExtensionMPTNode) return { kind: 'extension', path: node.key(), child: node.value() as Uint8Array | RawNode[] }
  const children: (Ref | null)[] = []
  for (let i = 0; i < 16; i++) children.push(node.getBranch(i) as Uint8Array | RawNode[] | null)
  return { kind: 'branch', children, value: node.value() }
}

function commonPrefix(a: number[], aFrom: number, b: number[], bFrom: number): number {
  let n = 0
  while (aFrom + n < a.length && bFrom + n < b.length && a[aFrom + n] === b[bFrom + n]) n++
  return n
}

async function resolve(access: TrieAccess, ref: Ref): Promise<MemNode> {
  return isMemNode(ref) ? ref : access.load(ref)
}

/** The node with `key` (from `at`) set to `value`; returns `node` itself when nothing changed. */
async function insert(access: TrieAccess, node: MemNode | null, key: number[], at: number, value: Uint8Array): Promise<MemNode> {
  if (node === null) return { kind: 'leaf', path: key.slice(at), value }
  if (node.kind === 'branch') {
    if (at === key.length) {
      if (node.value !== null && equalsBytes(node.value, value)) return node
      return { kind: 'branch', children: node.children, value }
    }
    const slot = key[at] as number
    const child = node.children[slot] ?? null
    const current = child === null ? null : await resolve(access, child)
    const updated = await insert(access, current, key, at + 1, value)
    if (updated === current) return node
    const children = node.children.slice()
    children[slot] = updated
    return { kind: 'branch', children, value: node.value }
  }
  const shared = commonPrefix(node.path, 0, key, at)
  if (node.kind === 'leaf' && shared === node.path.length && at + shared === key.length) {
    return equalsBytes(node.value, value) ? node : { kind: 'leaf', path: node.path, value }
  }
  if (node.kind === 'extension' && shared === node.path.length) {
    const current = await resolve(access, node.child)
    const updated = await insert(access, current, key, at + shared, value)
    return updated === current ? node : { kind: 'extension', path: node.path, child: updated }
  }
  // The paths part after `shared` nibbles: a branch there holds the old node's rest and the new key.
  const branch: Branch = { kind: 'branch', children: new Array<Ref | null>(16).fill(null), value: null }
  const oldRest = node.path.slice(shared)
  if (oldRest.length === 0) {
    // Only a leaf ends here (an extension's path is never fully shared in this branch of the code).
    branch.value = (node as Leaf).value
  } else {
    const slot = oldRest[0] as number
    const tail = oldRest.slice(1)
    if (node.kind === 'leaf') branch.children[slot] = { kind: 'leaf', path: tail, value: node.value }
    else branch.children[slot] = tail.length === 0 ? node.child : { kind: 'extension', path: tail, child: node.child }
  }
  const withNew = await insert(access, branch, key, at + shared, value)
  return shared === 0 ? withNew : { kind: 'extension', path: key.slice(at, at + shared), child: withNew }
}

/** A node that replaces a branch left with one child and no value (or a value and no child). */
async function collapse(access: TrieAccess, branch: Branch): Promise<MemNode | null> {
  let only = -1
  let count = 0
  branch.children.forEach((child, i) => {
    if (child !== null) {
      count++
      only = i
    }
  })
  if (count === 0) return branch.value === null ? null : { kind: 'leaf', path: [], value: branch.value }
  if (count > 1 || branch.value !== null) return branch
  const child = await resolve(access, branch.children[only] as Ref)
  return prefixed([only], child, branch.children[only] as Ref)
}

/** `child` moved under a longer path: merged into its own path, or behind a new extension. */
function prefixed(path: number[], child: MemNode, ref: Ref): MemNode {
  if (child.kind === 'leaf') return { kind: 'leaf', path: [...path, ...child.path], value: child.value }
  if (child.kind === 'extension') return { kind: 'extension', path: [...path, ...child.path], child: child.child }
  return { kind: 'extension', path, child: ref }
}

/** The node without `key`; returns `node` itself when the key was not there. */
async function remove(access: TrieAccess, node: MemNode | null, key: number[], at: number): Promise<MemNode | null> {
  if (node === null) return null
  if (node.kind === 'leaf') {
    const shared = commonPrefix(node.path, 0, key, at)
    return shared === node.path.length && at + shared === key.length ? null : node
  }
  if (node.kind === 'extension') {
    const shared = commonPrefix(node.path, 0, key, at)
    if (shared < node.path.length) return node
    const current = await resolve(access, node.child)
    const updated = await remove(access, current, key, at + shared)
    if (updated === current) return node
    if (updated === null) return null
    return prefixed(node.path, updated, updated)
  }
  if (at === key.length) {
    if (node.value === null) return node
    return collapse(access, { kind: 'branch', children: node.children, value: null })
  }
  const slot = key[at] as number
  const child = node.children[slot] ?? null
  if (child === null) return node
  const current = await resolve(access, child)
  const updated = await remove(access, current, key, at + 1)
  if (updated === current) return node
  const children = node.children.slice()
  children[slot] = updated
  return collapse(access, { kind: 'branch', children, value: node.value })
}

/** Encodes changed nodes bottom-up; returns how the parent refers to `ref`. Stores hashed nodes in `ops`. */
function encode(access: TrieAccess, ref: Ref, ops: BatchDBOp[], topLevel: boolean): Uint8Array | RawNode[] {
  if (!isMemNode(ref)) return ref
  let raw: RawNode[]
  if (ref.kind === 'leaf') raw = [hexPrefix(ref.path, true), ref.value]
  else if (ref.kind === 'extension') raw = [hexPrefix(ref.path, false), encode(access, ref.child, ops, false)]
  else {
    raw = ref.children.map((child) => (child === null ? new Uint8Array() : encode(access, child, ops, false)))
    raw.push(ref.value ?? new Uint8Array())
  }
  const encoded = RLP.encode(raw)
  if (encoded.length < 32 && !topLevel) return raw
  const hash = access.hash(encoded)
  ops.push({ type: 'put', key: hash, value: encoded })
  return hash
}

/**
 * Applies `updates` (key → value, or undefined to delete) to `trie`, writes the new nodes
 * through the trie's database in one batch and moves the trie to the new root. Later entries for
 * the same key win, as with sequential puts.
 */
export async function applyTrieUpdates(trie: MerklePatriciaTrie, updates: Iterable<[Uint8Array, Uint8Array | undefined]>): Promise<void> {
  const internals = trie as unknown as TrieInternals
  const access: TrieAccess = {
    async load(ref) {
      return fromLibraryNode(await trie.lookupNode(ref as Uint8Array | Uint8Array[]))
    },
    hash: (bytes) => internals.hash(bytes),
    appliedKey: (key) => internals.appliedKey(key),
  }
  const empty = trie.EMPTY_TRIE_ROOT
  const startRoot = trie.root()
  let root: MemNode | null = equalsBytes(startRoot, empty) ? null : await access.load(startRoot)
  const initial = root
  for (const [key, value] of updates) {
    const nibbles = toNibbles(access.appliedKey(key))
    root = value === undefined || value.length === 0 ? await remove(access, root, nibbles, 0) : await insert(access, root, nibbles, 0, value)
  }
  if (root === initial) return
  if (root === null) {
    trie.root(empty)
    return
  }
  const ops: BatchDBOp[] = []
  const newRoot = encode(access, root, ops, true) as Uint8Array
  await trie.database().batch(ops)
  trie.root(newRoot)
}

/** True when applyTrieUpdates may be used on `trie`: no key prefix and no root persistence. */
export function supportsBatchUpdates(trie: MerklePatriciaTrie): boolean {
  const opts = (trie as unknown as TrieInternals)._opts
  return opts.keyPrefix === undefined && opts.useRootPersistence !== true && opts.useNodePruning !== true
}
