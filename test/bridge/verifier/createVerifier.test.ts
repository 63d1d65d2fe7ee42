/**
 * The verifier's alerts on a real devnet + anchor (frames and a commitment posted by the test):
 * frames missing (a commitment whose framesHash names no frame the verifier read), no commitment
 * for too long, NoM unreachable; each raised with a warn line and listed in status().alerts.
 * And the alerts module itself: raise once, clear, keepOnly.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex } from '@ethereumjs/util'
import { ProposeCommitmentABI } from '../../../contracts/anchor/abi.ts'
import type { KeyPair } from '../../../nom/keys.ts'
import type { LogEvent } from '../../../node/log.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { createAlerts } from '../../../bridge/verifier/alerts.ts'
import { startAnchorChain } from '../../helpers/anchorChain.ts'
import { postChannel, startVerifierInstance, until, type VerifierInstance } from './fixtures.ts'

test('alerts: frames missing, no commitment for too long, NoM unreachable', async () => {
  const anchor = await startAnchorChain({ params: { sequencingWindow: 50n, challengeWindow: 100n } })
  let v: VerifierInstance | undefined
  try {
    const { client, chainId, roles } = anchor
    const logs: LogEvent[] = []
    v = await startVerifierInstance(client, chainId, { log: (e) => logs.push(e), alerts: { noCommitmentMomentums: 1_000n, nomUnreachableMs: 300 } })
    const instance = v
    const origin = await client.getFrontierMomentum()
    await postChannel(client, chainId, roles.batchers[0] as KeyPair, [{ number: 1n, timestamp: origin.timestamp, originHeight: origin.height, originHash: origin.hash, txs: [] }])
    await until('block 1 derived', 20_000, () => (instance.verifier.status().head >= 1n ? true : undefined))
    const root = (await instance.replica.outputRootAt(1n))!

    // A commitment with the right root but a framesHash naming no frame.
    const framesHash = new Uint8Array(32).fill(0xab)
    const proposal = await callAnchor(
      client,
      roles.proposer,
      ProposeCommitmentABI.encode({ chainId, index: 1n, l2BlockNumber: 1n, outputRoot: root, originMomentumHeight: origin.height, originMomentumHash: origin.hash, lastDepositIndex: 0n, framesHash }),
      { pollMs: 30 },
    )
    assert.equal(proposal.ok, true)
    const missing = await until('the frames-missing alert', 20_000, () => instance.verifier.status().alerts.find((a) => a.kind === 'framesMissing'))
    const proposedAt = (await anchor.anchor('getCommitment', [chainId.toString(), '1'])).proposedAt
    assert.equal(missing.key, '1')
    assert.equal(missing.message, `commitment 1 (block 1) names frames (framesHash ${'ab'.repeat(32)}) not read by momentum ${proposedAt}`)
    assert.deepEqual(instance.verifier.status().commitments.map((c) => [c.index, c.verdict]), [[1n, 'correct']])
    assert.ok(logs.some((e) => e.level === 'warn' && e.msg === 'alert' && e.alert === 'framesMissing'))
    assert.equal(bytesToHex(root), bytesToHex((await instance.replica.outputRootAt(1n))!))

    // NoM goes away: after nomUnreachableMs the alert is raised; the verifier keeps its state.
    await anchor.devnet.stop()
    const down = await until('the NoM-unreachable alert', 20_000, () => instance.verifier.status().alerts.find((a) => a.kind === 'nomUnreachable'))
    assert.equal(down.key, 'nom')
    assert.match(down.message, /^NoM has not answered for \d+ s: /)
    assert.equal(instance.verifier.status().halted, undefined)
    assert.match(instance.verifier.status().lastError ?? '', /^TransportError: /)
    assert.equal(instance.verifier.status().head, 1n)
  } finally {
    await v?.stop()
    await anchor.stop()
  }
})

test('alerts: no commitment within the limit', async () => {
  const anchor = await startAnchorChain({ params: { sequencingWindow: 50n, challengeWindow: 100n } })
  let v: VerifierInstance | undefined
  try {
    const created = BigInt((await anchor.anchor('getChain', [anchor.chainId.toString()])).createdAt)
    v = await startVerifierInstance(anchor.client, anchor.chainId, { alerts: { noCommitmentMomentums: 5n } })
    const instance = v
    const alert = await until('the no-commitment alert', 20_000, () => instance.verifier.status().alerts.find((a) => a.kind === 'noCommitment'))
    assert.equal(alert.key, 'chain')
    assert.match(alert.message, new RegExp(`^no commitment since momentum ${created}; NoM is at \\d+ \\(limit 5 momentums\\)$`))
  } finally {
    await v?.stop()
    await anchor.stop()
  }
})

test('the alerts module: one warn line per raise, info when cleared, keepOnly drops the rest', () => {
  const logs: LogEvent[] = []
  let clock = 1000
  const alerts = createAlerts((e) => logs.push(e), () => clock)
  alerts.raise('framesMissing', '1', 'one')
  alerts.raise('framesMissing', '1', 'one, again')
  clock = 2000
  alerts.raise('framesMissing', '2', 'two')
  alerts.raise('noCommitment', 'chain', 'late')
  assert.deepEqual(alerts.list(), [
    { kind: 'framesMissing', key: '1', message: 'one, again', since: 1000 },
    { kind: 'framesMissing', key: '2', message: 'two', since: 2000 },
    { kind: 'noCommitment', key: 'chain', message: 'late', since: 2000 },
  ])
  alerts.keepOnly('framesMissing', new Set(['2']))
  alerts.clear('noCommitment')
  assert.deepEqual(alerts.list().map((a) => a.key), ['2'])
  assert.deepEqual(
    logs.map((e) => `${e.level} ${e.msg} ${e.alert} ${e.key}`),
    ['warn alert framesMissing 1', 'warn alert framesMissing 2', 'warn alert noCommitment chain', 'info alert cleared framesMissing 1', 'info alert cleared noCommitment chain'],
  )
})
