/**
 * The Flag and ResolveFlag calls a verifier sent are kept in its data dir (bridge/verifier/README.md
 * "Restart"): after a restart status() still lists them, and neither call is sent again, though
 * the flag is still open and the commitment still wrong (a guardian that forgot its vote would vote
 * again: the anchor would refuse it, but it is a send).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ProposeCommitmentABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import type { LogEvent } from '../../../node/log.ts'
import { startAnchorChain } from '../../helpers/anchorChain.ts'
import { postChannel, startVerifierInstance, until, type VerifierInstance } from './fixtures.ts'

test('flags and votes survive a restart: listed in status(), not sent again', async () => {
  const anchor = await startAnchorChain({ params: { sequencingWindow: 50n, challengeWindow: 200n } })
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-verifier-flags-'))
  let v: VerifierInstance | undefined
  try {
    const { client, chainId, roles } = anchor
    const keys = { flaggerKey: roles.flagger, guardianKey: roles.guardians[0] as KeyPair }
    const logs: LogEvent[] = []
    v = await startVerifierInstance(client, chainId, { ...keys, dataDir, log: (e) => logs.push(e) })
    const first = v
    const origin = await client.getFrontierMomentum()
    await postChannel(client, chainId, roles.batchers[0] as KeyPair, [{ number: 1n, timestamp: origin.timestamp, originHeight: origin.height, originHash: origin.hash, txs: [] }])
    await until('block 1 derived', 20_000, () => (first.verifier.status().head >= 1n ? true : undefined))
    const proposal = await callAnchor(
      client,
      roles.proposer,
      ProposeCommitmentABI.encode({ chainId, index: 1n, l2BlockNumber: 1n, outputRoot: new Uint8Array(32).fill(0x11), originMomentumHeight: origin.height, originMomentumHash: origin.hash, lastDepositIndex: 0n, framesHash: new Uint8Array(32) }),
      { pollMs: 30 },
    )
    assert.equal(proposal.ok, true)
    await until('the flag and the vote', 30_000, () => {
      const s = first.verifier.status()
      return s.flagged.length === 1 && s.votes.length === 1 ? true : undefined
    })
    const before = first.verifier.status()
    assert.deepEqual(before.flagged, [1n])
    assert.deepEqual(before.votes, [{ index: 1n, fraud: true }])
    assert.deepEqual(before.anchorCalls.map((c) => [c.call, c.index, c.outcome, c.fraud]), [['Flag', 1n, 'sent', undefined], ['ResolveFlag', 1n, 'sent', true]])
    const flaggerHeight = (await client.getAccountInfoByAddress(roles.flagger.address)).accountHeight
    const guardianHeight = (await client.getAccountInfoByAddress(keys.guardianKey.address)).accountHeight
    await first.stop()

    const after: LogEvent[] = []
    v = await startVerifierInstance(client, chainId, { ...keys, dataDir, log: (e) => after.push(e) })
    const second = v
    const s = second.verifier.status()
    await until('the restarted verifier to judge commitment 1 with its flag open', 30_000, () =>
      second.verifier.status().commitments.find((c) => c.index === 1n && c.verdict === 'wrong'),
    )
    const flag = (await anchor.anchor('getCommitment', [chainId.toString(), '1'])).flag
    assert.notEqual(flag, null, 'the flag is still open: a guardian without its record would vote again')
    // a few more passes over the open flag
    const position = second.verifier.status().position!
    await until('more momentums read', 20_000, () => ((second.verifier.status().position ?? 0n) >= position + 5n ? true : undefined))
    await second.verifier.stop()
    assert.deepEqual(s.flagged, [1n], 'listed before the restarted verifier did anything')
    assert.deepEqual(s.votes, [{ index: 1n, fraud: true }])
    assert.deepEqual(second.verifier.status().anchorCalls, before.anchorCalls)
    assert.deepEqual(after.filter((e) => /Flag|flagged|vote/.test(String(e.msg))).map((e) => e.msg), [])
    assert.equal((await client.getAccountInfoByAddress(roles.flagger.address)).accountHeight, flaggerHeight, 'no second Flag send')
    assert.equal((await client.getAccountInfoByAddress(keys.guardianKey.address)).accountHeight, guardianHeight, 'no second ResolveFlag send')
  } finally {
    await v?.stop()
    await anchor.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})
