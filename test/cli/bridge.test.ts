import { test } from 'node:test'
import assert from 'node:assert/strict'
import { closedPort, runCli } from '../bridge/cli/runCli.ts'

test('nomx bridge: usage, per-command help, unknown commands and options', async () => {
  const usage = await runCli([])
  assert.equal(usage.code, 1)
  for (const name of ['deposit', 'withdraw', 'prove', 'finalize', 'status']) assert.match(usage.stdout, new RegExp(`^  ${name} +\\S`, 'm'))
  const help = await runCli(['--help'])
  assert.equal(help.code, 0)
  const helps = [
    ['deposit', 'usage: nomx bridge deposit --amount AMOUNT --token ZNN|QSR|zts1… --to 0x… [options]'],
    ['withdraw', 'usage: nomx bridge withdraw --amount AMOUNT --token ZNN|QSR|zts1… --to z1… [options]'],
    ['prove', 'usage: nomx bridge prove --tx 0x… [--index i] [options]'],
    ['finalize', 'usage: nomx bridge finalize (--tx 0x… [--index i] | --withdrawal-hash 0x…) [options]'],
    ['status', 'usage: nomx bridge status (--tx 0x… | --deposit INDEX) [options]'],
  ] as const
  const answers = await Promise.all(helps.map(([name]) => runCli([name, '--help'])))
  helps.forEach(([, first], i) => {
    assert.equal(answers[i]!.code, 0)
    assert.equal(answers[i]!.stdout.split('\n')[0], first)
  })
  const unknown = await runCli(['bogus'])
  assert.equal(unknown.code, 1)
  assert.match(unknown.stderr, /^nomx bridge: unknown command 'bogus'\n/)
  const typo = await runCli(['status', '--txx', '0x00'])
  assert.equal(typo.code, 1)
  assert.equal(typo.stderr, 'nomx bridge status: unknown option --txx: see nomx bridge status --help\n')
  const both = await runCli(['status', '--tx', '0x00', '--deposit', '1'])
  assert.equal(both.code, 1)
  assert.equal(both.stderr, 'nomx bridge status: give either --tx 0x… or --deposit INDEX: see nomx bridge status --help\n')
  const badTx = await runCli(['prove', '--tx', '0x1234', '--unsafe-key', '11'.repeat(32)])
  assert.equal(badTx.code, 1)
  assert.equal(badTx.stderr, 'nomx bridge prove: --tx must be 0x and 64 hex characters, got "0x1234"\n')
})

test('nodes that are not there: exit 2 with the flag to change', async () => {
  const dead = `http://127.0.0.1:${await closedPort()}`
  const r = await runCli(['status', '--tx', `0x${'ab'.repeat(32)}`, '--l2-rpc', dead])
  assert.equal(r.code, 2)
  assert.equal(r.stderr.startsWith(`nomx bridge status: cannot reach the L2 node at ${dead} (`), true, r.stderr)
  assert.match(r.stderr, /\): is it running \(nomx dev\)\? Pass --l2-rpc URL to use another\n$/)
  const nom = await runCli(['status', '--deposit', '1', '--chain-id', '1', '--nom-rpc', dead, '--l2-rpc', dead])
  assert.equal(nom.code, 2)
  assert.equal(nom.stderr.startsWith(`nomx bridge status: cannot reach the NoM node at ${dead} (`), true, nom.stderr)
  assert.match(nom.stderr, /\): is it running \(nomx dev\)\? Pass --nom-rpc URL to use another\n$/)
})
