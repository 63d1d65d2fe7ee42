/** PendingPool: per-account effects, whole-account selection within the limit, removal. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PendingPool } from '../../../../nom/devnet/ledger/pending.ts'
import { emptyAccountBlock } from '../../../../nom/accountBlock.ts'
import { BlockType } from '../../../../nom/types.ts'
import { ZNN_ZTS } from '../../../../nom/constants.ts'
import { sha3, u64be } from '../../../../nom/hash.ts'

const addr = (i: number) => Uint8Array.from({ length: 20 }, (_, j) => (j === 19 ? i : 0))
let n = 0
const sendFrom = (i: number, amount = 1n) =>
  emptyAccountBlock({ blockType: BlockType.UserSend, address: addr(i), amount, tokenStandard: ZNN_ZTS, fusedPlasma: 21_000n, hash: sha3(u64be(BigInt(++n))) })

test('effects per account: balance delta, fused plasma, received sends', () => {
  const pool = new PendingPool()
  pool.add({ block: sendFrom(1, 5n) })
  pool.add({ block: sendFrom(1, 7n) })
  const from = sha3(Uint8Array.of(1))
  pool.add({ block: emptyAccountBlock({ blockType: BlockType.UserReceive, address: addr(2), fromBlockHash: from, fusedPlasma: 21_000n }), credit: { token: ZNN_ZTS, amount: 9n } })
  assert.equal(pool.balanceDelta(addr(1), ZNN_ZTS), -12n)
  assert.equal(pool.balanceDelta(addr(2), ZNN_ZTS), 9n)
  assert.equal(pool.fusedPlasma(addr(1)), 42_000n)
  assert.equal(pool.isReceived(from), true)
  assert.equal(pool.last(addr(1))!.amount, 7n)
})

test('select takes whole accounts in order of their oldest block, within the limit', () => {
  const pool = new PendingPool()
  for (let i = 0; i < 3; i++) pool.add({ block: sendFrom(1) }) // account 1: 3 blocks, oldest
  for (let i = 0; i < 4; i++) pool.add({ block: sendFrom(2) }) // account 2: 4 blocks
  pool.add({ block: sendFrom(3) }) // account 3: 1 block
  const picked = pool.select(5)
  assert.deepEqual(picked.map((p) => p.block.address[19]), [1, 1, 1, 3])
  pool.remove(picked)
  assert.deepEqual(pool.all().map((p) => p.block.address[19]), [2, 2, 2, 2])
  assert.equal(pool.balanceDelta(addr(1), ZNN_ZTS), 0n)
  assert.equal(pool.balanceDelta(addr(2), ZNN_ZTS), -4n)
  // an account above the limit goes alone with its oldest blocks
  assert.deepEqual(pool.select(3).map((p) => p.sequence), [4n, 5n, 6n])
})
