/**
 * ledger.subscribe over WebSocket: each inserted momentum and each confirmed block notified exactly
 * once, in order, only after confirmation; per-address filters; unsubscribe.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { formatAddress } from '../../../../nom/address.ts'
import { toHex } from '../../../../nom/hash.ts'
import { ZNN_ZTS } from '../../../../nom/constants.ts'
import { BlockType } from '../../../../nom/types.ts'
import { signAccountBlock } from '../../../../nom/accountBlock.ts'
import { devKey, publish, startDevnet, template, frontierMomentum } from '../helpers.ts'
import type { TestDevnet } from '../helpers.ts'

let net: TestDevnet
before(async () => {
  net = await startDevnet({ momentumIntervalMs: 150 })
})
after(async () => {
  await net.dispose()
})

interface Client {
  request(method: string, params: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }>
  notes: Map<string, unknown[][]>
  close(): void
}

async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let id = 0
  const waiting = new Map<number, (v: never) => void>()
  const notes = new Map<string, unknown[][]>()
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { id?: number; method?: string; params?: { subscription: string; result: unknown[] } }
    if (m.method === 'ledger.subscription') {
      const list = notes.get(m.params!.subscription) ?? []
      list.push(m.params!.result)
      notes.set(m.params!.subscription, list)
    } else if (m.id !== undefined) waiting.get(m.id)?.(m as never)
  })
  return {
    notes,
    request: (method, params) =>
      new Promise((resolve) => {
        const n = ++id
        waiting.set(n, resolve as never)
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: n, method, params }))
      }),
    close: () => ws.close(),
  }
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

test('momentums and blocks are notified once each, in order, after confirmation only', async () => {
  const c = await connect(net.wsUrl)
  const A = devKey(0)
  const B = devKey(1)
  const momentums = (await c.request('ledger.subscribe', ['momentums'])).result as string
  const all = (await c.request('ledger.subscribe', ['allAccountBlocks'])).result as string
  const byA = (await c.request('ledger.subscribe', ['accountBlocksByAddress', formatAddress(A.address)])).result as string
  const toB = (await c.request('ledger.subscribe', ['unreceivedAccountBlocksByAddress', formatAddress(B.address)])).result as string
  const toA = (await c.request('ledger.subscribe', ['unreceivedAccountBlocksByAddress', formatAddress(A.address)])).result as string
  assert.match(momentums, /^0x[0-9a-f]{32}$/)
  const startHeight = (await frontierMomentum(net)).height

  let t = await template(net, A, { blockType: BlockType.UserSend, toAddress: B.address, amount: 1n, tokenStandard: ZNN_ZTS, fusedPlasma: 21_000n })
  const sent: string[] = []
  for (let i = 0; i < 5; i++) {
    const b = signAccountBlock(t, A)
    assert.equal((await publish(net, b)).error, undefined)
    // not confirmed yet: nothing about it may have been notified
    const seen = (c.notes.get(all) ?? []).flat().map((x) => (x as { hash: string }).hash)
    assert.ok(!seen.includes(toHex(b.hash)))
    sent.push(toHex(b.hash))
    t = { ...t, previousHash: b.hash, height: b.height + 1n }
  }
  await until(() => (c.notes.get(toB) ?? []).flat().length >= 5)
  await until(async () => (c.notes.get(momentums) ?? []).length >= 3)
  const end = (await frontierMomentum(net)).height
  await until(() => (c.notes.get(momentums) ?? []).some((r) => (r[0] as { height: number }).height === Number(end)))
  c.close()

  const heights = (c.notes.get(momentums) ?? []).map((r) => {
    assert.equal(r.length, 1)
    return (r[0] as { height: number }).height
  })
  for (let i = 1; i < heights.length; i++) assert.equal(heights[i], heights[i - 1]! + 1, 'consecutive, no repeats')
  assert.ok(heights[0]! <= Number(startHeight) + 1)

  const allHashes = (c.notes.get(all) ?? []).flat().map((x) => (x as { hash: string }).hash)
  assert.deepEqual(allHashes, sent, 'each block once, in order')
  const aHashes = (c.notes.get(byA) ?? []).flat().map((x) => (x as { hash: string }).hash)
  assert.deepEqual(aHashes, sent)
  const toBList = (c.notes.get(toB) ?? []).flat() as Array<Record<string, unknown>>
  assert.deepEqual(toBList.map((x) => x.hash), sent)
  assert.deepEqual(Object.keys(toBList[0]!), ['blockType', 'hash', 'height', 'address', 'toAddress', 'fromHash'])
  assert.equal(toBList[0]!.blockType, 2)
  assert.equal(toBList[0]!.address, formatAddress(A.address))
  assert.equal(c.notes.get(toA), undefined, 'nothing was sent to A')
})

test('unsubscribe stops notifications; unknown ids and topics are errors; HTTP has no subscriptions', async () => {
  const c = await connect(net.wsUrl)
  const id = (await c.request('ledger.subscribe', ['momentums'])).result as string
  await until(() => (c.notes.get(id) ?? []).length >= 1)
  assert.deepEqual((await c.request('ledger.unsubscribe', [id])).result, true)
  const count = c.notes.get(id)!.length
  await new Promise((r) => setTimeout(r, 400))
  assert.equal(c.notes.get(id)!.length, count)
  assert.deepEqual((await c.request('ledger.unsubscribe', [id])).error, { code: -32000, message: 'subscription not found' })
  assert.deepEqual((await c.request('ledger.subscribe', ['nope'])).error, { code: -32601, message: 'no "nope" subscription in ledger namespace' })
  c.close()
  const r = await net.raw('ledger.subscribe', ['momentums'])
  assert.deepEqual(r.error, { code: -32601, message: 'notifications not supported' })
})

test('a contract receive and its descendant are each notified once, in the momentum after the send', async () => {
  const { encodeCall } = await import('../../../../nom/abi.ts')
  const { TOKEN_ADDRESS } = await import('../../../../nom/constants.ts')
  const { send } = await import('../helpers.ts')
  const c = await connect(net.wsUrl)
  const all = (await c.request('ledger.subscribe', ['allAccountBlocks'])).result as string
  const issuer = devKey(2)
  const data = encodeCall('IssueToken(string,string,string,uint256,uint256,uint8,bool,bool,bool)', ['Sub', 'SUB', '', 5n, 5n, 0n, false, true, false])
  const s = await send(net, issuer, TOKEN_ADDRESS, 100_000_000n, ZNN_ZTS, { data, fusedPlasma: 73_500n })
  assert.equal((await publish(net, s)).error, undefined)
  const flat = () => (c.notes.get(all) ?? []).flat() as Array<{ hash: string; blockType: number; fromHash: string; address: string; height: number }>
  await until(() => flat().some((b) => b.blockType === 5 && b.fromHash === toHex(s.hash)))
  await new Promise((r) => setTimeout(r, 400))
  c.close()
  const list = flat()
  const counts = new Map<string, number>()
  for (const b of list) counts.set(b.hash, (counts.get(b.hash) ?? 0) + 1)
  assert.ok([...counts.values()].every((n) => n === 1), 'no block twice')
  const sendAt = (c.notes.get(all) ?? []).findIndex((r) => r.some((b) => (b as { hash: string }).hash === toHex(s.hash)))
  const recvAt = (c.notes.get(all) ?? []).findIndex((r) => r.some((b) => (b as { blockType: number }).blockType === 5))
  assert.equal(recvAt, sendAt + 1, 'receive in the next momentum')
  const contractBlocks = c.notes.get(all)![recvAt]!.filter((b) => (b as { address: string }).address === formatAddress(TOKEN_ADDRESS)) as Array<{ blockType: number; height: number }>
  assert.deepEqual(contractBlocks.map((b) => b.blockType), [4, 5], 'descendant (lower height) first, then the receive')
  assert.equal(contractBlocks[1]!.height, contractBlocks[0]!.height + 1)
})
