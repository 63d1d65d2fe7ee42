/**
 * The user's round trip on a whole dev stack (watcher, batcher + proposer, bridge RPC), only through
 * `nomx bridge`: deposit waits for its L2 transaction; withdraw; prove --wait until the proposer's
 * commitment covers it; finalize refused early in the status's words, then finalize --wait pays the
 * exact amount on NoM.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../nom/address.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { bytesEqual } from '../../../nom/hash.ts'
import { receiveAll } from '../../../nom/send.ts'
import { startCliStack, runCli, type CliStack } from './cliStack.ts'

const RECIPIENT = '0x00000000000000000000000000000000000c0ffe'

describe('nomx bridge on the dev stack', () => {
  let s: CliStack
  before(async () => {
    s = await startCliStack({ blockTimeMs: 200, commitIntervalBlocks: 4n, challengeWindow: 40n })
  })
  after(async () => {
    await s.stop()
  })

  async function nomZnn(): Promise<bigint> {
    await receiveAll(s.stack.nomClient, s.nomUser)
    const info = await s.stack.nomClient.getAccountInfoByAddress(s.nomUser.address)
    return info.balances.find((b) => bytesEqual(b.tokenStandard, ZNN_ZTS))?.balance ?? 0n
  }

  test('deposit waits for the L2 deposit transaction and prints its status', async () => {
    const r = await runCli(['deposit', '--amount', '5', '--token', 'ZNN', '--to', RECIPIENT, '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^deposit index: 1$/m)
    assert.match(r.stdout, /^L2 status: success in block \d+$/m)
    assert.match(r.stderr, /… waiting for the L2 to include it \(deposits are taken once momentum \d+ exists: 1 confirmation\)/)
    const balance = await fetch(s.l2Url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [RECIPIENT, 'latest'] }),
    }).then((res) => res.json() as Promise<{ result: string }>)
    assert.equal(BigInt(balance.result), 5n * 10n ** 18n)
    const status = await runCli(['status', '--deposit', '1', ...s.endpoints])
    assert.equal(status.code, 0, status.stderr)
    assert.match(status.stdout, /^amount: 5 ZNN \(zts1znnxxxxxxxxxxxxx9z4ulx\)$/m)
    assert.match(status.stdout, /^status: success in L2 block \d+$/m)
  })

  test('withdraw → prove --wait → finalize refused early → finalize --wait: paid exactly', async () => {
    const target = formatAddress(s.nomUser.address)
    const w = await runCli(['withdraw', '--amount', '3', '--token', 'ZNN', '--to', target, '--key-file', s.l2KeyFile, '--l2-rpc', s.l2Url])
    assert.equal(w.code, 0, w.stderr)
    const tx = /^L2 tx: (0x[0-9a-f]{64})$/m.exec(w.stdout)![1]!
    const hash = /^withdrawal hash: (0x[0-9a-f]{64})$/m.exec(w.stdout)![1]!
    assert.match(w.stdout, /^next: prove after the commitment covering block \d+, expected at L2 block \d+ \(every 4 blocks; .+\): nomx bridge prove --tx 0x[0-9a-f]{64}$/m)

    const proved = await runCli(['prove', '--tx', tx, '--wait', '--timeout', '60', '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(proved.code, 0, proved.stderr)
    assert.match(proved.stdout, new RegExp(`^proven: withdrawal ${hash} by ${target} \\(momentum \\d+\\)$`, 'm'))

    const early = await runCli(['finalize', '--tx', tx, '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(early.code, 1)
    assert.match(early.stderr, new RegExp(`^nomx bridge finalize: withdrawal ${hash} is not finalizable yet: finalizable at momentum \\d+, now \\d+: (about \\d+ s|under a second); run this again then \\(or add --wait\\)\\n$`))

    const before = await nomZnn()
    const done = await runCli(['finalize', '--tx', tx, '--wait', '--timeout', '60', '--key-file', s.nomKeyFile, ...s.endpoints])
    assert.equal(done.code, 0, done.stderr)
    assert.match(done.stderr, new RegExp(`… waiting for the challenge window of withdrawal ${hash}: at momentum \\d+, now \\d+: `))
    assert.match(done.stdout, new RegExp(`^finalized: withdrawal ${hash} paid 3 ZNN to ${target} \\(momentum \\d+\\)$`, 'm'))
    let after = before
    for (let i = 0; i < 100 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 100))
      after = await nomZnn()
    }
    assert.equal(after - before, 300_000_000n)
    const status = await runCli(['status', '--tx', tx, ...s.endpoints])
    assert.match(status.stdout, /^status: finalized$/m)
  })
})
