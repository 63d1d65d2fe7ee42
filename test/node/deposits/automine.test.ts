/** Automine (blockTimeMs 0) with a deposit source: its onAvailable signal seals a block with the new deposit. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hexToBytes } from '@ethereumjs/util'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import type { DepositBatch, DepositSource } from '../../../node/deposits/depositSource.ts'
import { userDepositSourceHash } from '../../../node/deposits/depositTx.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'

test('automine: a deposit announced by the source is sealed without any pool tx; stop unsubscribes', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-deposit-automine-'))
  const origin = { height: 1n, hash: hexToBytes(`0x${'11'.repeat(32)}`), timestamp: 10n }
  const recipient = hexToBytes('0x00000000000000000000000000000000000000f2')
  let answer: DepositBatch | undefined
  const listeners = new Set<() => void>()
  const source: DepositSource = {
    next: async (request) => (request.lastDepositSourceHash === undefined ? answer : { origin, deposits: [] }),
    onAvailable(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const node = await createNode(createConfig({ dataDir, genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } }), { log: silentLogger, deposits: { source } })
  try {
    await node.start()
    assert.equal(listeners.size, 1)
    assert.equal(node.chain.head().block.header.number, 0n)
    const sealed = new Promise<bigint>((resolve) => node.backend.events.onBlock((block) => resolve(block.block.header.number)))
    answer = {
      origin,
      deposits: [{ sourceHash: userDepositSourceHash(origin.hash, 0n), from: new Uint8Array(20).fill(3), to: recipient, mint: 5n, value: 5n, gas: 21_000n, isSystemTx: false, data: new Uint8Array() }],
    }
    for (const listener of listeners) listener()
    assert.equal(await sealed, 1n)
    const head = node.chain.head()
    assert.equal(head.deposits?.length, 2)
    const view = await node.backend.stateAt(head.block.header)
    assert.equal((await view.getAccount(recipient))?.balance, 5n)
  } finally {
    await node.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
  assert.equal(listeners.size, 0)
})
