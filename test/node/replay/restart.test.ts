/**
 * A replica's data dir is durable: after stop() and after kill -9 mid-replay, reopening resumes at
 * the stored head (every block reported applied is there, at most the one being written more), and
 * replaying the rest reaches the same head as an uninterrupted replay.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import { silentLogger } from '../../../node/log.ts'
import { createReplica } from '../../../node/replay/createReplica.ts'
import { inputsToJSON, testConfig, transferChain } from './replayFixture.ts'

const inputs = transferChain(40, 10)

/** Runs the replay process until it has printed `applied` for block `killAfter` (then SIGKILL) or ends. */
async function runReplayProcess(dataDir: string, inputsFile: string, killAfter?: number): Promise<{ head: number; applied: number; done?: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/node/replay/replayProcess.ts', dataDir, inputsFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  let head = -1
  let applied = -1
  let done: string | undefined
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    const lines = out.split('\n')
    out = lines.pop() ?? ''
    for (const line of lines) {
      const [word, value] = line.split(' ')
      if (word === 'head') head = Number(value)
      if (word === 'applied') applied = Number(value)
      if (word === 'done') done = value
      if (killAfter !== undefined && applied >= killAfter) child.kill('SIGKILL')
    }
  })
  const code = await exited
  if (killAfter === undefined) assert.equal(code, 0, err)
  return { head, applied, ...(done === undefined ? {} : { done }) }
}

test('restart after stop() resumes at the stored head', async () => {
  const config = await testConfig()
  try {
    let replica = await createReplica(config, { log: silentLogger })
    for (const input of inputs.slice(0, 5)) assert.ok((await replica.applyBlock(input)).valid)
    const head = replica.head()
    const outputRoot = await replica.outputRootAt(5n)
    await replica.stop()
    await replica.stop()

    replica = await createReplica(config, { log: silentLogger })
    try {
      assert.equal(bytesToHex(replica.head().hash), bytesToHex(head.hash))
      assert.deepEqual(replica.head().origin, head.origin)
      assert.deepEqual(replica.head().lastDepositSourceHash, head.lastDepositSourceHash)
      assert.deepEqual(await replica.outputRootAt(5n), outputRoot)
      assert.deepEqual(await replica.applyBlock(inputs[4]!), { valid: false, reason: 'block number 5 does not follow the head 5' })
      const next = await replica.applyBlock(inputs[5]!)
      assert.ok(next.valid)
      assert.equal(next.sealed.block.header.number, 6n)
      // the parent's origin and deposit cursor came back from disk: block 6 took exactly its own deposit
      assert.equal(next.sealed.deposits?.length, 2)
      assert.equal(next.sealed.origin?.sequenceNumber, 0n)
    } finally {
      await replica.stop()
    }
  } finally {
    await rm(config.dataDir, { recursive: true, force: true })
  }
})

test('kill -9 mid-replay: the stored head holds every reported block; replay resumes and ends at the same head', async (ctx) => {
  const work = await mkdtemp(join(tmpdir(), 'nomx-replay-kill-'))
  const inputsFile = join(work, 'inputs.json')
  await writeFile(inputsFile, inputsToJSON(inputs))
  const reference = await testConfig(join(work, 'reference'))
  try {
    const replica = await createReplica(reference, { log: silentLogger })
    for (const input of inputs) assert.ok((await replica.applyBlock(input)).valid)
    const expected = bytesToHex(replica.head().hash)
    await replica.stop()

    const dataDir = join(work, 'killed')
    const first = await runReplayProcess(dataDir, inputsFile, 10)
    assert.equal(first.head, 0)
    const second = await runReplayProcess(dataDir, inputsFile, 25)
    assert.ok(second.head >= first.applied && second.head <= first.applied + 1, `resumed at ${second.head} after ${first.applied} was reported`)
    const last = await runReplayProcess(dataDir, inputsFile)
    assert.ok(last.head >= second.applied && last.head <= second.applied + 1, `resumed at ${last.head} after ${second.applied} was reported`)
    assert.equal(last.applied, inputs.length)
    assert.equal(last.done, expected)
    ctx.diagnostic(`killed after blocks ${first.applied} and ${second.applied}; resumed at ${second.head} and ${last.head}`)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
})
