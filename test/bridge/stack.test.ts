import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../nom/address.ts'
import { COIN, MAX_FUSION_UNITS_PER_ACCOUNT } from '../../nom/constants.ts'
import { startTestStack } from '../helpers/stack.ts'

test('dev stack: first start creates the chain (windows, bond, batcher plasma); a restart continues both chains', async () => {
  const t = await startTestStack()
  try {
    const { stack, roles } = t
    assert.equal(stack.created, true)
    assert.equal(stack.chainId, 73404n)
    const chain = await t.anchor('getChain', ['73404'])
    assert.equal(chain.challengeWindow, 10)
    assert.equal(chain.depositConfirmations, 1)
    assert.equal(chain.sequencingWindow, 40)
    assert.equal(chain.proposer, formatAddress(roles.proposer.address))
    assert.equal(chain.quorum, 3)
    const bond = await t.anchor('getBond', ['73404', formatAddress(roles.proposer.address)])
    assert.equal(BigInt(bond.amount), BigInt(chain.proposerBond))
    assert.equal((await stack.nomClient.getPlasma(roles.batcher.address)).qsrAmount, MAX_FUSION_UNITS_PER_ACCOUNT * COIN)
    assert.deepEqual(
      stack.accounts.nom.map((a) => [a.index, a.role.split(' ')[0]]),
      [[0, 'anchor'], [1, 'proposer'], [2, 'dev'], [3, 'flagger'], [4, 'guardian'], [5, 'guardian'], [6, 'guardian'], [7, 'guardian'], [8, 'guardian'], [9, 'batcher']],
    )
    assert.equal(stack.accounts.nom[9]!.address, formatAddress(roles.batcher.address))
    assert.equal(stack.accounts.l2[0]!.address, '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')

    // The stack does not wait for an origin before it starts: the sequencer does, so even its first
    // block has one (an origin-less block could never be batched).
    const deadline = Date.now() + 20_000
    while (stack.node.chain.head().block.header.number < 1n) {
      assert.ok(Date.now() < deadline, 'L2 block 1')
      await new Promise((r) => setTimeout(r, 50))
    }
    const first = await stack.node.chain.getBlockByNumber(1n)
    assert.ok(first?.origin !== undefined, 'block 1 has an origin')
    assert.equal(first.origin.sequenceNumber, 0n)
    assert.ok(first.origin.height <= stack.watcher.status().originHeight!)

    // Let both chains grow, then restart on the same data dir.
    await stack.node.sealBlock()
    const l2Head = stack.node.chain.head().block.header.number
    const nomHeight = (await stack.nomClient.getFrontierMomentum()).height
    const createdAt = chain.createdAt
    await t.restart()
    assert.equal(t.stack.created, false)
    assert.ok(t.stack.node.chain.head().block.header.number >= l2Head)
    assert.ok((await t.stack.nomClient.getFrontierMomentum()).height >= nomHeight)
    const after = await t.anchor('getChain', ['73404'])
    assert.equal(after.createdAt, createdAt)
    // Nothing doubled on restart: the bond and the fused plasma are what the first start set up.
    assert.equal(BigInt((await t.anchor('getBond', ['73404', formatAddress(roles.proposer.address)])).amount), BigInt(chain.proposerBond))
    assert.equal((await t.stack.nomClient.getPlasma(roles.batcher.address)).qsrAmount, MAX_FUSION_UNITS_PER_ACCOUNT * COIN)
  } finally {
    await t.stop()
  }
})

test('dev stack against an external NoM node: no devnet of its own, the chain already on the anchor is used', async () => {
  const { startAnchorChain } = await import('../helpers/anchorChain.ts')
  const { createConfig } = await import('../../node/config.ts')
  const { createBridgeConfig } = await import('../../bridge/config.ts')
  const { startDevStack } = await import('../../bridge/stack.ts')
  const { silentLogger } = await import('../../node/log.ts')
  const { mkdtemp, rm } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const nom = await startAnchorChain({ params: { challengeWindow: 7n } })
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-stack-external-'))
  try {
    const stack = await startDevStack({
      config: createConfig({ dataDir, blockTimeMs: 200, rpc: { port: 0 } }),
      bridge: createBridgeConfig({ nomRpcUrl: nom.devnet.httpUrl, pollMs: 50, commitIntervalBlocks: 2 }),
      log: silentLogger,
    })
    try {
      assert.equal(stack.devnet, undefined)
      assert.equal(stack.created, false)
      assert.equal(stack.anchorChain.challengeWindow, 7n)
      assert.equal(stack.urls.nomHttp, nom.devnet.httpUrl)
      assert.equal(stack.momentumIntervalMs, undefined)
      // The bridge runs against it: a commitment appears on the external node's anchor.
      const deadline = Date.now() + 20_000
      while ((await nom.anchor('getChain', ['73404'])).nextCommitmentIndex < 2) {
        assert.ok(Date.now() < deadline, 'a commitment on the external anchor')
        await new Promise((r) => setTimeout(r, 100))
      }
    } finally {
      await stack.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
    await nom.stop()
  }
})
