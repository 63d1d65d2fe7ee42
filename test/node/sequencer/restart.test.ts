import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { startTestNode } from '../../helpers/node.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'

const common = createChainCommon({ chainId: 73404n })

test('restart with the same data dir: same head, same state root, pending txs still pending', async () => {
  let t = await startTestNode({ blockTimeMs: 60_000 })
  const dataDir = t.dataDir
  const key = hexToBytes(t.accounts[0]!.privateKey)
  const to = hexToBytes(t.accounts[1]!.address)
  const sign = (nonce: bigint) =>
    createTx({ type: 2, nonce, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to, value: 1_000n + nonce }, { common }).sign(key)
  try {
    for (let nonce = 0n; nonce < 3n; nonce++) await t.node.backend.txpool.add(sign(nonce).serialize())
    await t.node.sealBlock()
    await t.node.sealBlock()
    const pending = [sign(3n), sign(4n)]
    for (const tx of pending) await t.node.backend.txpool.add(tx.serialize())
    const head = t.node.backend.chain.head()
    const balanceBefore = (await (await t.node.backend.stateAt(head.block.header)).getAccount(to))?.balance
    await t.stop({ keepData: true })

    t = await startTestNode({ blockTimeMs: 60_000, dataDir })
    const restarted = t.node.backend.chain.head()
    assert.equal(restarted.block.header.number, 2n)
    assert.equal(bytesToHex(restarted.hash), bytesToHex(head.hash))
    assert.equal(bytesToHex(restarted.block.header.stateRoot), bytesToHex(head.block.header.stateRoot))
    const state = await t.node.backend.stateAt(restarted.block.header)
    assert.equal((await state.getAccount(to))?.balance, balanceBefore)
    assert.equal((await state.getAccount(hexToBytes(t.accounts[0]!.address)))?.nonce, 3n)
    const receipts = await t.node.backend.chain.getReceipts((await t.node.backend.chain.getBlockByNumber(1n))!.hash)
    assert.equal(receipts?.length, 3)

    assert.deepEqual(t.node.backend.txpool.status(), { pending: 2, queued: 0 })
    for (const tx of pending) assert.ok(t.node.backend.txpool.get(tx.hash()), bytesToHex(tx.hash()))
    assert.equal(await t.node.backend.txpool.pendingNonce(hexToBytes(t.accounts[0]!.address)), 5n)

    const next = await t.node.sealBlock()
    assert.equal(next.block.header.number, 3n)
    assert.equal(bytesToHex(next.block.header.parentHash), bytesToHex(head.hash))
    assert.deepEqual(next.block.transactions.map((tx) => bytesToHex(tx.hash())), pending.map((tx) => bytesToHex(tx.hash())))
    assert.deepEqual(t.node.backend.txpool.status(), { pending: 0, queued: 0 })
  } finally {
    await t.stop()
  }
})

test('a data dir created from another genesis is refused', async () => {
  const t = await startTestNode({ blockTimeMs: 60_000 })
  await t.stop({ keepData: true })
  const { readFileSync } = await import('node:fs')
  const { DEV_GENESIS_PATH } = await import('../../../node/config.ts')
  const other = JSON.parse(readFileSync(DEV_GENESIS_PATH, 'utf8')) as Record<string, unknown>
  other.timestamp = '0x69000001'
  await assert.rejects(startTestNode({ dataDir: t.dataDir, genesis: other }), (error: Error) => {
    assert.equal(error.name, 'StorageError')
    assert.match(error.message, /^data dir was created with genesis 0x[0-9a-f]{64}, but the genesis file gives 0x[0-9a-f]{64}$/)
    return true
  })
  const { rm } = await import('node:fs/promises')
  await rm(t.dataDir, { recursive: true, force: true })
  await rm(`${t.dataDir}.genesis.json`, { force: true })
})
