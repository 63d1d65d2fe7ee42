import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { RLP } from '@ethereumjs/rlp'
import { KECCAK256_NULL, bigIntToUnpaddedBytes, bytesToBigInt, bytesToHex, equalsBytes, hexToBytes } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { DEV_GENESIS_PATH } from '../../../node/config.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'

const PREDEPLOY = '0x4200000000000000000000000000000000000015'
const CODE = '0x6000356000550000'
let t: TestNode

before(async () => {
  const genesis = JSON.parse(readFileSync(DEV_GENESIS_PATH, 'utf8')) as { alloc: Record<string, unknown> }
  genesis.alloc[PREDEPLOY] = { code: CODE, nonce: '0x1', balance: '0x5', storage: { '0x0': '0x2a', '0x01': '0xff00' } }
  t = await startTestNode({ genesis, blockTimeMs: 60_000 })
})

after(() => t.stop())

/**
 * Follows an EIP-1186 proof from `root` along keccak(key), written here independently of
 * @ethereumjs/mpt: returns the leaf value, or null when the proof shows the key is absent.
 */
function walkProof(root: Uint8Array, key: Uint8Array, proof: Uint8Array[]): Uint8Array | null {
  const path = [...keccak_256(key)].flatMap((b) => [b >> 4, b & 15])
  let expected: Uint8Array = root
  let at = 0
  for (const encoded of proof) {
    assert.ok(equalsBytes(encoded.length < 32 ? encoded : keccak_256(encoded), expected), 'proof node hash')
    const node = RLP.decode(encoded) as Uint8Array[]
    if (node.length === 17) {
      if (at === path.length) return node[16] as Uint8Array
      expected = node[path[at++] as number] as Uint8Array
      if (expected.length === 0) return null
      continue
    }
    const prefix = node[0] as Uint8Array
    const flag = (prefix[0] as number) >> 4
    const nibbles = [...prefix].flatMap((b) => [b >> 4, b & 15]).slice(flag % 2 === 1 ? 1 : 2)
    const matches = nibbles.every((n, i) => path[at + i] === n)
    if (!matches) return null
    at += nibbles.length
    if (flag >= 2) return at === path.length ? (node[1] as Uint8Array) : null
    expected = node[1] as Uint8Array
  }
  throw new Error('proof ended early')
}

test('genesis alloc with code, storage and nonce is readable at the genesis state', async () => {
  const genesis = (await t.node.backend.chain.getBlockByNumber(0n))!.block.header
  const state = await t.node.backend.stateAt(genesis)
  const account = await state.getAccount(hexToBytes(PREDEPLOY))
  assert.equal(account?.nonce, 1n)
  assert.equal(account?.balance, 5n)
  assert.equal(bytesToHex(account!.codeHash), bytesToHex(keccak_256(hexToBytes(CODE))))
  assert.equal(bytesToHex(await state.getCode(hexToBytes(PREDEPLOY))), CODE)
  assert.equal(bytesToHex(await state.getStorage(hexToBytes(PREDEPLOY), new Uint8Array(32))), `0x${'00'.repeat(31)}2a`)
  assert.equal(bytesToHex(await state.getStorage(hexToBytes(PREDEPLOY), Uint8Array.of(1))), `0x${'00'.repeat(30)}ff00`)
  assert.equal(bytesToHex(await state.getStorage(hexToBytes(PREDEPLOY), Uint8Array.of(2))), `0x${'00'.repeat(32)}`)
  assert.equal(await state.getAccount(hexToBytes('0x00000000000000000000000000000000000000ee')), undefined)
  assert.equal((await state.getCode(hexToBytes('0x00000000000000000000000000000000000000ee'))).length, 0)
})

test('getProof: account and storage proofs verify against the block stateRoot; absent account too', async () => {
  const header = t.node.backend.chain.head().block.header
  const state = await t.node.backend.stateAt(header)
  const slots = [new Uint8Array(32), hexToBytes(`0x${'00'.repeat(31)}01`), hexToBytes(`0x${'00'.repeat(31)}07`)]
  const proof = await state.getProof(hexToBytes(PREDEPLOY), slots)
  const leaf = walkProof(header.stateRoot, hexToBytes(PREDEPLOY), proof.accountProof)
  assert.ok(leaf)
  const [nonce, balance, storageRoot, codeHash] = RLP.decode(leaf) as Uint8Array[]
  assert.equal(bytesToBigInt(nonce!), proof.nonce)
  assert.equal(bytesToBigInt(balance!), proof.balance)
  assert.equal(bytesToHex(storageRoot!), bytesToHex(proof.storageHash))
  assert.equal(bytesToHex(codeHash!), bytesToHex(proof.codeHash))
  assert.deepEqual(proof.storageProof.map((p) => p.value), [0x2an, 0xff00n, 0n])
  proof.storageProof.forEach((p, i) => {
    assert.equal(bytesToHex(p.key), bytesToHex(slots[i]!))
    const value = walkProof(proof.storageHash, slots[i]!, p.proof)
    if (p.value === 0n) assert.equal(value, null)
    else assert.equal(bytesToHex(value!), bytesToHex(RLP.encode(bigIntToUnpaddedBytes(p.value))))
  })

  const absent = await state.getProof(hexToBytes('0x00000000000000000000000000000000000000ee'), [])
  assert.equal(walkProof(header.stateRoot, absent.address, absent.accountProof), null)
  assert.equal(absent.balance, 0n)
  assert.equal(bytesToHex(absent.codeHash), bytesToHex(KECCAK256_NULL))
})
