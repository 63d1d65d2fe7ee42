/**
 * The head tracker: safe/finalized follow the anchor's commitments and the NoM frontier on a real
 * devnet + L2 node (genesis before anything, forward with commitments and momentums, backwards after
 * a fraud verdict), and, with a stand-in anchor, clamping to the node's head and NoM failures.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FlagABI, ResolveFlagABI } from '../../../contracts/anchor/abi.ts'
import { createHeadTracker, type HeadChain } from '../../../bridge/heads/createHeadTracker.ts'
import type { AnchorClient } from '../../../bridge/withdrawals/anchorReader.ts'
import { TransportError } from '../../../nom/errors.ts'
import type { LogEvent } from '../../../node/log.ts'
import type { BlockTag } from '../../../node/backend.ts'
import { CHAIN_ID, FLAG_BOND, startBridgeSetup, type BridgeSetup } from '../withdrawals/bridgeSetup.ts'
import { chainJSON, commitmentJSON } from '../helpers/anchorJSON.ts'

const FINALITY_DEPTH = 3n

describe('createHeadTracker on the devnet anchor and a real L2 node', () => {
  let s: BridgeSetup
  const events: LogEvent[] = []
  before(async () => {
    s = await startBridgeSetup({ challengeWindow: 60n })
  })
  after(async () => s?.stop())

  const tracker = () => createHeadTracker({ client: s.client, chainId: CHAIN_ID, chain: s.node.chain, finalityDepth: FINALITY_DEPTH, pollMs: 20, log: (e) => events.push(e) })
  const tag = async (t: string) => {
    const r = await fetch(s.node.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: [t, false] }) })
    return ((await r.json()) as { result: { number: string } }).result.number
  }

  it('genesis before any commitment', async () => {
    for (let i = 0; i < 5; i++) await s.node.sealBlock()
    const t = tracker()
    const targets = await t.poll()
    assert.equal(targets.safe, 0n)
    assert.equal(targets.finalized, 0n)
    assert.equal(targets.safeCommitment, undefined)
    assert.equal(await tag('safe'), '0x0')
    assert.equal(await tag('finalized'), '0x0')
  })

  it('safe follows a new commitment at once; finalized once its proposal is finalityDepth momentums deep (polling loop)', async () => {
    const t = tracker()
    await t.start()
    try {
      await s.propose(4n)
      const proposedAt = BigInt(((await s.driver.rpc('getCommitment', [Number(CHAIN_ID), 1])) as { proposedAt: number }).proposedAt)
      const deadline = Date.now() + 10_000
      while (s.node.chain.numberOfTag('safe') !== 4n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      assert.equal(s.node.chain.numberOfTag('safe'), 4n)
      const frontier = await s.driver.frontierHeight()
      if (frontier < proposedAt + FINALITY_DEPTH) assert.equal(s.node.chain.numberOfTag('finalized'), 0n)
      await s.driver.waitForHeight(proposedAt + FINALITY_DEPTH)
      while (s.node.chain.numberOfTag('finalized') !== 4n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      assert.equal(s.node.chain.numberOfTag('finalized'), 4n)
      assert.equal(await tag('safe'), '0x4')
      assert.equal(await tag('finalized'), '0x4')
      assert.deepEqual(t.status().last?.safeCommitment, 1n)
      assert.ok(events.some((e) => e.msg === 'safe head moved' && e.from === '0' && e.to === '4' && e.commitment === '1'))
    } finally {
      await t.stop()
    }
  })

  it('a fraud verdict deletes commitment 2: safe and finalized move back to commitment 1', async () => {
    const t = tracker()
    assert.equal(await s.propose(5n), 2n)
    const proposedAt = BigInt(((await s.driver.rpc('getCommitment', [Number(CHAIN_ID), 2])) as { proposedAt: number }).proposedAt)
    await s.driver.waitForHeight(proposedAt + FINALITY_DEPTH)
    const forward = await t.poll()
    assert.deepEqual([forward.safe, forward.finalized, forward.finalizedCommitment], [5n, 5n, 2n])

    const { flagger, guardians } = s.driver.actors
    const root2 = await s.committedRoot(2n)
    assert.deepEqual(await s.driver.call(flagger, FlagABI.encode({ chainId: CHAIN_ID, index: 2n, outputRoot: root2 }), FLAG_BOND), { ok: true })
    // A flagged commitment still exists: the heads stay (bridge/README.md §4).
    assert.deepEqual([(await t.poll()).safe, s.node.chain.numberOfTag('finalized')], [5n, 5n])
    for (const g of guardians.slice(0, 3)) assert.deepEqual(await s.driver.call(g, ResolveFlagABI.encode({ chainId: CHAIN_ID, index: 2n, outputRoot: root2, fraud: true })), { ok: true })
    const back = await t.poll()
    assert.deepEqual([back.safe, back.finalized, back.safeCommitment], [4n, 4n, 1n])
    assert.equal(await tag('safe'), '0x4')
    assert.equal(await tag('finalized'), '0x4')
    assert.ok(events.some((e) => e.level === 'warn' && e.msg === 'finalized head moved' && e.from === '5' && e.to === '4'))
  })
})

describe('createHeadTracker with a stand-in anchor', () => {
  function fakeChain(head: bigint): HeadChain & { calls: string[] } {
    const heads = { safe: 0n, finalized: 0n }
    const calls: string[] = []
    return {
      calls,
      numberOfTag: (t: BlockTag) => (t === 'safe' ? heads.safe : t === 'finalized' ? heads.finalized : head),
      async setSafe(n) {
        calls.push(`safe ${n}`)
        heads.safe = n
      },
      async setFinalized(n) {
        calls.push(`finalized ${n}`)
        heads.finalized = n
      },
    }
  }
  const commitment = commitmentJSON
  /** `verdictAfterGetChain`: the next getChain answer is followed at once by a verdict keeping that many commitments. */
  function fakeClient(state: { frontier: number; commitments: ReturnType<typeof commitment>[]; fail?: boolean; verdictAfterGetChain?: number }): AnchorClient {
    return {
      async call(method: string, params: unknown[] = []) {
        if (state.fail) throw new TransportError('connect ECONNREFUSED 127.0.0.1:1')
        if (method === 'embedded.anchor.getChain') {
          const answer = chainJSON(state.commitments.length)
          if (state.verdictAfterGetChain !== undefined) state.commitments.length = state.verdictAfterGetChain
          state.verdictAfterGetChain = undefined
          return answer
        }
        if (method === 'embedded.anchor.getCommitment') return state.commitments[(params[1] as number) - 1] ?? null
        throw new Error(`unexpected ${method}`)
      },
      async getFrontierMomentum() {
        if (state.fail) throw new TransportError('connect ECONNREFUSED 127.0.0.1:1')
        return { height: BigInt(state.frontier), hash: new Uint8Array(32), timestamp: 1000n } as never
      },
      async getMomentumsByHeight() {
        return { count: 0, list: [] } as never
      },
    } as AnchorClient
  }

  it('never marks a block past the node head; finalized is the newest commitment finalityDepth deep (binary search)', async () => {
    const commitments = [commitment(1, 10, 5), commitment(2, 20, 9), commitment(3, 30, 14), commitment(4, 40, 20), commitment(5, 50, 21)]
    const chain = fakeChain(35n)
    const t = createHeadTracker({ client: fakeClient({ frontier: 24, commitments }), chainId: 7n, chain, finalityDepth: 10n })
    const targets = await t.poll()
    // newest commitment covers 50 but the node has 35; proposedAt + 10 ≤ 24 holds up to commitment 3 (14).
    assert.deepEqual([targets.safe, targets.finalized, targets.safeCommitment, targets.finalizedCommitment], [35n, 30n, 5n, 3n])
    assert.deepEqual(chain.calls, ['safe 35', 'finalized 30'])
  })

  it('a verdict landing between the poll\'s reads moves the heads to the newest commitment left, never to genesis', async () => {
    const state = { frontier: 100, commitments: [commitment(1, 10, 5), commitment(2, 20, 9), commitment(3, 30, 14), commitment(4, 40, 20), commitment(5, 50, 21)] } as Parameters<typeof fakeClient>[0]
    const chain = fakeChain(60n)
    const t = createHeadTracker({ client: fakeClient(state), chainId: 7n, chain, finalityDepth: 10n })
    assert.deepEqual(await t.poll(), { safe: 50n, finalized: 50n, safeCommitment: 5n, finalizedCommitment: 5n, frontierHeight: 100n })
    // getChain still counts 5; the verdict deletes 4 and 5 before getCommitment(5).
    state.verdictAfterGetChain = 3
    assert.deepEqual(await t.poll(), { safe: 30n, finalized: 30n, safeCommitment: 3n, finalizedCommitment: 3n, frontierHeight: 100n })
    assert.deepEqual(chain.calls, ['safe 50', 'finalized 50', 'finalized 30', 'safe 30'])
  })

  it('a NoM failure keeps the heads, is logged once and reported in status; the next good poll moves them', async () => {
    const state = { frontier: 100, commitments: [commitment(1, 10, 5)], fail: true }
    const chain = fakeChain(12n)
    const logs: LogEvent[] = []
    const t = createHeadTracker({ client: fakeClient(state), chainId: 7n, chain, finalityDepth: 1n, pollMs: 10, log: (e) => logs.push(e) })
    await assert.rejects(t.poll(), { name: 'TransportError', message: 'connect ECONNREFUSED 127.0.0.1:1' })
    await t.start()
    await new Promise((r) => setTimeout(r, 80))
    assert.equal(t.status().lastError, 'TransportError: connect ECONNREFUSED 127.0.0.1:1')
    assert.deepEqual(chain.calls, [])
    assert.equal(logs.filter((e) => e.msg === 'head poll failed; heads kept, retrying').length, 1)
    state.fail = false
    await new Promise((r) => setTimeout(r, 80))
    await t.stop()
    assert.equal(t.status().lastError, undefined)
    assert.deepEqual([t.status().safe, t.status().finalized], [10n, 10n])
  })
})
