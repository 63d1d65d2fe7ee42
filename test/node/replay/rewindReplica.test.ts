/**
 * rewindReplica over a replica's parts (the chain store and the writer state): the head and the
 * writer's state root both move back to the target block; through the replica, RPC log listeners
 * hear the removed logs.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { encodeFunctionData, parseAbi } from 'viem'
import { L2_TO_NOM_MESSAGE_PASSER_ADDRESS } from '../../../contracts/l2/addresses.ts'
import { silentLogger } from '../../../node/log.ts'
import { loadGenesis } from '../../../node/genesis/loadGenesis.ts'
import { openChainStorage } from '../../../node/db/openChainStorage.ts'
import { createReplica } from '../../../node/replay/createReplica.ts'
import { rewindReplica } from '../../../node/replay/rewindReplica.ts'
import { call, WSClient } from '../rpc/client.ts'
import { signTx, testConfig, transferChain } from './replayFixture.ts'

const PASSER = parseAbi(['function initiateWithdrawal(address target, uint256 gasLimit, bytes data) payable'])

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

test('replica.rewind: log subscriptions and log filters hear the removed blocks’ logs again with removed: true', async () => {
  const config = await testConfig()
  const replica = await createReplica(config, { log: silentLogger, txCheckWorkers: 0 })
  let ws: WSClient | undefined
  try {
    await replica.start()
    ws = await WSClient.connect(replica.wsUrl)
    const subscription = await ws.call<string>('eth_subscribe', ['logs', { address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS }])
    const filter = await call<string>(replica.rpcUrl, 'eth_newFilter', [{ address: L2_TO_NOM_MESSAGE_PASSER_ADDRESS }])
    const [block1, block2] = transferChain(2, 1)
    const withdrawal = signTx(3, {
      nonce: 0n,
      to: hexToBytes(L2_TO_NOM_MESSAGE_PASSER_ADDRESS),
      value: 7n * 10n ** 10n,
      gasLimit: 200_000n,
      data: hexToBytes(encodeFunctionData({ abi: PASSER, functionName: 'initiateWithdrawal', args: ['0x0022aa000000000000000000000000000000000a', 0n, '0x'] })),
    })
    assert.ok((await replica.applyBlock(block1!)).valid)
    assert.ok((await replica.applyBlock({ ...block2!, txs: [...block2!.txs, withdrawal] })).valid)
    const [added] = (await ws.waitForNotifications(subscription, 1)) as { removed: boolean; blockNumber: string; transactionHash: string }[]
    assert.equal(added!.removed, false)
    assert.equal(added!.blockNumber, '0x2')

    await replica.rewind(1n)
    const [, removed] = (await ws.waitForNotifications(subscription, 2)) as { removed: boolean }[]
    assert.deepEqual(removed, { ...added, removed: true })
    const changes = await call<{ removed: boolean; transactionHash: string }[]>(replica.rpcUrl, 'eth_getFilterChanges', [filter])
    assert.deepEqual(changes.map((l) => [l.removed, l.transactionHash]), [
      [false, added!.transactionHash],
      [true, added!.transactionHash],
    ])
    assert.equal(replica.head().block.header.number, 1n)
    // Block 2 again, without the withdrawal: nothing more for the log listeners.
    assert.ok((await replica.applyBlock(block2!)).valid)
    assert.deepEqual(await call(replica.rpcUrl, 'eth_getFilterChanges', [filter]), [])
    assert.equal(ws.notifications.filter((n) => n.subscription === subscription).length, 2)
  } finally {
    await ws?.close()
    await replica.stop()
    await rm(config.dataDir, { recursive: true, force: true })
  }
})
