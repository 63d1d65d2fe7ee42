/** NoM failures, and verdicts that never let a read settle, reach the client as -32000 errors that say so (not as anonymous internal errors). */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createBridgeRPCMethods } from '../../../bridge/rpc/createBridgeRPCMethods.ts'
import type { AnchorClient } from '../../../bridge/withdrawals/anchorReader.ts'
import { TimeoutError, TransportError } from '../../../nom/errors.ts'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode, type Node } from '../../../node/node.ts'
import { chainJSON } from '../helpers/anchorJSON.ts'

describe('bridge RPC methods when NoM does not answer', () => {
  let dir = ''
  let node: Node
  let failure: Error | undefined = new TransportError('connect ECONNREFUSED 127.0.0.1:35997')
  const client = {
    async call(method: string) {
      if (failure !== undefined) throw failure
      // Verdicts without end: every getChain counts 2 commitments, and the 2nd is always gone when read.
      if (method === 'embedded.anchor.getChain') return chainJSON(2)
      if (method === 'embedded.anchor.getCommitment') return null
      throw new Error(`unexpected ${method}`)
    },
    async getFrontierMomentum() {
      if (failure !== undefined) throw failure
      return { height: 50n, hash: new Uint8Array(32), timestamp: 1000n }
    },
    async getMomentumsByHeight() {
      throw failure
    },
  } as unknown as AnchorClient

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-rpc-'))
    const config = createConfig({ dataDir: dir, genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } })
    node = await createNode(config, { log: silentLogger, rpcMethods: createBridgeRPCMethods({ client, chainId: 73404n, commitIntervalBlocks: 10n }) })
    await node.start()
  })
  after(async () => {
    await node?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const rpc = async (method: string, params: unknown[]) => {
    const r = await fetch(node.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    return (await r.json()) as { result?: unknown; error?: { code: number; message: string } }
  }

  it('nomx_syncStatus: -32000 naming the NoM failure and what to do', async () => {
    assert.deepEqual((await rpc('nomx_syncStatus', [])).error, {
      code: -32000,
      message: "the NoM node did not answer the bridge (TransportError: connect ECONNREFUSED 127.0.0.1:35997): retry later or check the bridge's NoM RPC URL",
    })
    failure = new TimeoutError('request timed out after 10000 ms')
    assert.deepEqual((await rpc('nomx_syncStatus', [])).error, {
      code: -32000,
      message: "the NoM node did not answer the bridge (TimeoutError: request timed out after 10000 ms): retry later or check the bridge's NoM RPC URL",
    })
  })

  it('nomx_syncStatus while verdicts keep deleting the newest commitment between its reads: -32000 saying so', async () => {
    const before = failure
    failure = undefined
    try {
      assert.deepEqual((await rpc('nomx_syncStatus', [])).error, {
        code: -32000,
        message: 'the anchor deleted commitments of chain 73404 between the reads of each of 3 attempts (fraud verdicts): retry',
      })
    } finally {
      failure = before
    }
  })

  it('L2-only answers need no NoM: an unknown transaction is still -32001', async () => {
    const hash = `0x${'cd'.repeat(32)}`
    assert.deepEqual((await rpc('nomx_getWithdrawalProof', [hash, '0x0'])).error, {
      code: -32001,
      message: `transaction ${hash} not found on this L2 chain: check the hash and that this RPC serves the chain you sent it to`,
    })
  })

  it('createBridgeRPCMethods refuses a zero commit interval', () => {
    assert.throws(() => createBridgeRPCMethods({ client, chainId: 1n, commitIntervalBlocks: 0n }), { name: 'RangeError', message: 'commitIntervalBlocks must be positive' })
  })
})
