import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anchorScenarios } from './scenarios.ts'
import { createDevnetDriver } from './devnetDriver.ts'
import type { DevnetDriver } from './devnetDriver.ts'
import { CreateChainABI, DepositABI, PostBondABI, ProposeCommitmentABI } from '../../../contracts/anchor/abi.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { sha3 } from '../../../nom/hash.ts'

describe('anchor through the devnet and the nom/ client: chains, deposits, frames, commitments, flags, restart', () => {
  let dir = ''
  let driver: DevnetDriver | undefined
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nomx-anchor-'))
    driver = await createDevnetDriver({ dataDir: dir, administratorDelay: 10n, momentumsOnDemand: true })
  })
  after(async () => {
    await driver?.close()
    await rm(dir, { recursive: true, force: true })
  })

  anchorScenarios(() => driver!, ['chains'])

  test('state survives a devnet restart', async () => {
    const d = driver!
    const { admin, proposer, user } = d.actors
    await d.call(admin, CreateChainABI.encode({ chainId: 901n, proposer: proposer.address, challengeWindow: 40n, sequencingWindow: 30n, depositConfirmations: 2n, guardians: d.actors.guardians.map((g) => g.address), quorum: 3n, proposerBond: 10n, flagBond: 10n, unhaltCooldown: 5n }))
    await d.call(proposer, PostBondABI.encode({ chainId: 901n }), 10n)
    assert.deepEqual(await d.call(user, DepositABI.encode({ chainId: 901n, l2Recipient: new Uint8Array(20).fill(3) }), 77n), { ok: true })
    const h = await d.frontierHeight()
    const hash = await d.momentumHash(h)
    assert.deepEqual(
      await d.call(proposer, ProposeCommitmentABI.encode({ chainId: 901n, index: 1n, l2BlockNumber: 5n, outputRoot: sha3(Uint8Array.of(5)), originMomentumHeight: h, originMomentumHash: hash, lastDepositIndex: 1n, framesHash: sha3(Uint8Array.of(6)) })),
      { ok: true },
    )
    const before = {
      chain: await d.rpc('getChain', [901]),
      commitment: await d.rpc('getCommitment', [901, 1]),
      deposits: await d.rpc('getDeposits', [901, 0, 10]),
      anchorZnn: await d.balance(ANCHOR_ADDRESS, ZNN_ZTS),
    }
    await d.restart()
    const afterRestart = {
      chain: await d.rpc('getChain', [901]),
      commitment: await d.rpc('getCommitment', [901, 1]),
      deposits: await d.rpc('getDeposits', [901, 0, 10]),
      anchorZnn: await d.balance(ANCHOR_ADDRESS, ZNN_ZTS),
    }
    delete before.commitment.status
    delete afterRestart.commitment.status
    assert.deepEqual(afterRestart, before)
    assert.equal(afterRestart.chain.depositCount, 1)
    // It keeps working: the next deposit gets index 2.
    assert.deepEqual(await d.call(user, DepositABI.encode({ chainId: 901n, l2Recipient: new Uint8Array(20).fill(3) }), 1n), { ok: true })
    assert.equal((await d.rpc('getDeposit', [901, 2])).amount, '1')
  })
})
