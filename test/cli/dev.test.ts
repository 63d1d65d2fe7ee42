import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function runDev(args: string[]) {
  const child = spawn(process.execPath, ['bin/nomx.js', 'dev', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ctrl-C to stop.')) resolve(out)
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)))
  })
  child.stderr.resume()
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, ready, exited }
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return ((await response.json()) as { result: unknown }).result
}

test('nomx dev prints URL and funded accounts, serves RPC, stops cleanly on SIGTERM, --reset wipes data', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-dev-'))
  try {
    const first = runDev(['--data-dir', dir, '--port', '0', '--block-time', '50'])
    const out = await first.ready
    const url = /JSON-RPC\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
    assert.ok(url, out)
    assert.match(out, /\(0\) 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266 {2}key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80/)
    assert.match(out, /\(9\) 0xa0ee7a142d267c1f36714e4a8f75612f20a79720 {2}key 0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6/)
    assert.equal(await rpc(url, 'eth_chainId'), '0x11ebc')
    assert.equal(await rpc(url, 'eth_getBalance', ['0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', 'latest']), '0x21e19e0c9bab2400000')
    const accounts = (await rpc(url, 'eth_accounts')) as string[]
    assert.equal(accounts.length, 10)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const height = BigInt((await rpc(url, 'eth_blockNumber')) as string)
    assert.ok(height > 0n)
    first.child.kill('SIGTERM')
    assert.equal(await first.exited, 0)

    const second = runDev(['--data-dir', dir, '--port', '0', '--block-time', '60000'])
    const url2 = /JSON-RPC\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(await second.ready)?.[1] as string
    assert.ok(BigInt((await rpc(url2, 'eth_blockNumber')) as string) >= height, 'restart continues the chain')
    second.child.kill('SIGINT')
    assert.equal(await second.exited, 0)

    const third = runDev(['--reset', '--data-dir', dir, '--port', '0', '--block-time', '60000'])
    const out3 = await third.ready
    assert.match(out3, /\(reset\)/)
    const url3 = /JSON-RPC\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out3)?.[1] as string
    assert.equal(await rpc(url3, 'eth_blockNumber'), '0x0')
    third.child.kill('SIGTERM')
    assert.equal(await third.exited, 0)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('--help for dev and node; node needs --config; config errors are one clear line', async () => {
  const devHelp = spawnSync(process.execPath, ['bin/nomx.js', 'dev', '--help'], { encoding: 'utf8' })
  assert.equal(devHelp.status, 0)
  assert.match(devHelp.stdout, /^usage: nomx dev \[options\]/)
  assert.match(devHelp.stdout, /--reset/)
  const nodeHelp = spawnSync(process.execPath, ['bin/nomx.js', 'node', '--help'], { encoding: 'utf8' })
  assert.equal(nodeHelp.status, 0)
  assert.match(nodeHelp.stdout, /^usage: nomx node --config FILE \[options\]/)
  const noConfig = spawnSync(process.execPath, ['bin/nomx.js', 'node'], { encoding: 'utf8' })
  assert.equal(noConfig.status, 1)
  assert.match(noConfig.stderr, /^nomx node: --config FILE is required/)

  const dir = await mkdtemp(join(tmpdir(), 'nomx-cli-'))
  try {
    const file = join(dir, 'node.json')
    await writeFile(file, JSON.stringify({ rpc: { port: 'x' } }))
    const bad = spawnSync(process.execPath, ['bin/nomx.js', 'node', '--config', file], { encoding: 'utf8' })
    assert.equal(bad.status, 1)
    assert.equal(bad.stderr, 'nomx node: config: rpc.port: expected an integer from 0 to 65535\n')
    await writeFile(join(dir, 'genesis.json'), JSON.stringify({ config: { chainId: 1, hardfork: 'prague', blockTimeMs: 0, baseFeeFloor: '0x0', feeVault: '0x4200000000000000000000000000000000000011' }, timestamp: '0x0', gasLimit: '0x1c9c380', baseFeePerGas: '0x1', alloc: { '0x0000000000000000000000000000000000000001': { balance: '1' } } }))
    await writeFile(file, JSON.stringify({ genesis: 'genesis.json', dataDir: 'data', rpc: { port: 0 } }))
    const badGenesis = spawnSync(process.execPath, ['bin/nomx.js', 'node', '--config', file], { encoding: 'utf8' })
    assert.equal(badGenesis.status, 1)
    assert.equal(badGenesis.stderr, 'nomx node: genesis: alloc.0x0000000000000000000000000000000000000001.balance: expected a hex quantity\n')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
