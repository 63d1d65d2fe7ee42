/**
 * rewindReplica over a replica's parts (the chain store and the writer state): the head and the
 * writer's state root both move back to the target block.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { bytesToHex } from '@ethereumjs/util'
import { silentLogger } from '../../../node/log.ts'
import { loadGenesis } from '../../../node/genesis/loadGenesis.ts'
import { openChainStorage } from '../../../node/db/openChainStorage.ts'
import { createReplica } from '../../../node/replay/createReplica.ts'
import { rewindReplica } from '../../../node/replay/rewindReplica.ts'
import { testConfig, transferChain } from './replayFixture.ts'

test('rewindReplica: chain head and writer state root back at the target block', async () => {
  const config = await testConfig()
  try {
    const replica = await createReplica(config, { log: silentLogger, txCheckWorkers: 0 })
    for (const input of transferChain(2, 1)) assert.equal((await replica.applyBlock(input)).valid, true)
    const block1 = (await replica.chain.getBlockByNumber(1n))!
    await replica.stop()
    const storage = await openChainStorage(config.dataDir, await loadGenesis(config.genesis), config.rpc)
    try {
      assert.notEqual(bytesToHex(await storage.state.getStateRoot()), bytesToHex(block1.block.header.stateRoot))
      const head = await rewindReplica({ chain: storage.chain, state: storage.state }, 1n)
      assert.equal(bytesToHex(head.hash), bytesToHex(block1.hash))
      assert.equal(bytesToHex(await storage.state.getStateRoot()), bytesToHex(block1.block.header.stateRoot))
    } finally {
      await storage.db.close()
    }
  } finally {
    await rm(config.dataDir, { recursive: true, force: true })
  }
})
