/**
 * The journal through a real node: txs acknowledged by eth_sendRawTransaction (pending and queued)
 * are in the pool again after a stop and a start on the same data dir, and the ones a block
 * included before the stop are not.
 */
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { after, describe, it } from 'node:test'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { call } from '../rpc/client.ts'
import type { Hex } from 'viem'

const CHAIN_ID = 73404
const GWEI = 10n ** 9n
const HOUR_MS = 3_600_000

type Content = Record<'pending' | 'queued', Record<string, Record<string, { hash: Hex }>>>

function hashesOf(content: Content): string[] {
  return (['pending', 'queued'] as const)
    .flatMap((kind) => Object.entries(content[kind]).flatMap(([sender, txs]) => Object.entries(txs).map(([nonce, tx]) => `${kind}:${sender.toLowerCase()}:${nonce}:${tx.hash}`)))
    .sort()
}

describe('tx pool journal across a node restart', () => {
  let node: TestNode | undefined
  let dataDir: string | undefined
  after(async () => {
    await node?.stop()
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
  })

  it('brings back every acknowledged tx that was not mined, as pending or queued', async () => {
    node = await startTestNode({ blockTimeMs: HOUR_MS })
    dataDir = node.dataDir
    const send = async (from: number, nonce: number, fee = 2n * GWEI, tip = GWEI): Promise<Hex> => {
      const raw = await privateKeyToAccount(node!.accounts[from]!.privateKey).signTransaction({
        type: 'eip1559', chainId: CHAIN_ID, nonce, maxFeePerGas: fee, maxPriorityFeePerGas: tip, gas: 21000n, to: node!.accounts[9]!.address, value: 1n,
      })
      return call<Hex>(node!.rpcUrl, 'eth_sendRawTransaction', [raw])
    }
    await send(0, 0)
    await node.node.sealBlock() // mines account 0's nonce 0
    await send(0, 1)
    await send(0, 3) // queued behind nonce 2
    await send(1, 0)
    await send(1, 0, 4n * GWEI, 2n * GWEI) // replaces the first
    const before = await call<Content>(node.rpcUrl, 'txpool_content')
    assert.equal(hashesOf(before).length, 3)
    assert.deepEqual(await call(node.rpcUrl, 'txpool_status'), { pending: '0x2', queued: '0x1' })

    await node.stop({ keepData: true })
    node = await startTestNode({ blockTimeMs: HOUR_MS, dataDir })
    assert.deepEqual(hashesOf(await call<Content>(node.rpcUrl, 'txpool_content')), hashesOf(before))
    assert.deepEqual(await call(node.rpcUrl, 'txpool_status'), { pending: '0x2', queued: '0x1' })
    assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [node.accounts[0]!.address, 'pending']), '0x2')

    // The restarted pool is live: the gap fills and a block mines everything.
    await send(0, 2)
    await node.node.sealBlock()
    assert.deepEqual(await call(node.rpcUrl, 'txpool_status'), { pending: '0x0', queued: '0x0' })
    assert.equal(await call(node.rpcUrl, 'eth_getTransactionCount', [node.accounts[0]!.address, 'latest']), '0x4')
  })
})
