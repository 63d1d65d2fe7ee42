import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createNoMClient, NoMClient } from '../../../nom/rpc/client.ts'
import { WSTransport } from '../../../nom/rpc/wsTransport.ts'
import { flattenBlock, matchesFilter } from '../../../nom/rpc/subscriptions.ts'
import type { AccountBlocksFilter } from '../../../nom/rpc/subscriptions.ts'
import type { BlockNotification, MomentumNotification } from '../../../nom/rpc/results.ts'
import { publishSend, receiveAll } from '../../../nom/send.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { toHex } from '../../../nom/hash.ts'
import { devAccount, eventually, startDevnet } from '../devnetHarness.ts'

test('subscriptions deliver each confirmed momentum and block exactly once, in order, across dropped sockets', async () => {
  const h = await startDevnet(150)
  // a long reconnect delay makes several momentums happen while the socket is down
  const ws = new WSTransport({ url: h.devnet.wsUrl, reconnectDelayMs: 700, maxReconnectDelayMs: 700 })
  const client = new NoMClient(ws)
  const publisher = createNoMClient({ url: h.devnet.httpUrl })
  try {
    const a = devAccount(0)
    const b = devAccount(1)
    const momentums: MomentumNotification[] = []
    const topics: [AccountBlocksFilter, BlockNotification[]][] = [
      [{ topic: 'allAccountBlocks' }, []],
      [{ topic: 'accountBlocksByAddress', address: b.address }, []],
      [{ topic: 'unreceivedAccountBlocksByAddress', address: b.address }, []],
    ]
    const errors: Error[] = []
    const start = (await client.getFrontierMomentum()).height
    const subM = await client.subscribeMomentums((items) => momentums.push(...items), { onError: (e) => errors.push(e) })
    for (const [filter, sink] of topics) await client.subscribeAccountBlocks(filter, (items) => sink.push(...items), { onError: (e) => errors.push(e) })

    const sends: string[] = []
    const activity = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const s = await publishSend(publisher, a, { toAddress: b.address, tokenStandard: ZNN_ZTS, amount: BigInt(1000 + sends.length) })
        sends.push(toHex(s.hash))
        await new Promise((r) => setTimeout(r, 60))
      }
    }
    await activity(4)
    ws.dropConnection()
    await activity(6) // published while the client is disconnected (700 ms)
    await eventually(async () => (ws.connectionCount >= 2 && ws.isOpen ? true : undefined), 5_000, 'reconnect')
    const receives: string[] = []
    for (const r of await receiveAll(publisher, b)) receives.push(toHex(r.hash))
    ws.dropConnection()
    await activity(3)

    // let everything confirm, then compare with the ledger
    const end = await eventually(async () => {
      const f = await publisher.getFrontierMomentum()
      const unconfirmed = await publisher.getUnconfirmedBlocksByAddress(a.address, 0, 10)
      const unconfirmedB = await publisher.getUnconfirmedBlocksByAddress(b.address, 0, 10)
      return unconfirmed.list.length === 0 && unconfirmedB.list.length === 0 ? f.height + 1n : undefined
    }, 15_000, 'all blocks confirmed')
    await eventually(async () => (momentums.length > 0 && momentums[momentums.length - 1]!.height >= end ? true : undefined), 15_000, `momentum ${end}`)
    // each topic catches up on its own (a backfill after the reconnect may still be running)
    const wanted: string[][] = [[...sends, ...receives], receives, sends]
    await eventually(
      async () => (topics.every(([, sink], i) => wanted[i]!.every((x) => sink.some((n) => toHex(n.hash) === x))) ? true : undefined),
      15_000,
      'every topic to deliver its blocks',
    )
    await new Promise((r) => setTimeout(r, 300))

    // snapshot: momentums keep coming while the checks below await the node
    const gotMomentums = [...momentums]
    const gotBlocks = topics.map(([, sink]) => [...sink])
    assert.deepEqual(errors, [])
    assert.ok(ws.connectionCount >= 3, `reconnected twice (connections: ${ws.connectionCount})`)
    // momentums: consecutive heights, no gaps, no repeats, hashes as stored
    const first = gotMomentums[0]!.height
    assert.ok(first <= start + 2n, `first delivered momentum ${first} is the one after subscribing (${start})`)
    gotMomentums.forEach((m, i) => assert.equal(m.height, first + BigInt(i)))
    const last = gotMomentums[gotMomentums.length - 1]!.height
    const stored = await publisher.getMomentumsByHeight(first, last - first + 1n)
    assert.deepEqual(gotMomentums.map((m) => toHex(m.hash)), stored.list.map((m) => toHex(m.hash)))

    // blocks: exactly the confirmed blocks of momentums first..last matching each topic, in momentum order
    const detailed = await publisher.getDetailedMomentumsByHeight(first, last - first + 1n)
    const heightOf = new Map<string, bigint>()
    const all: BlockNotification[] = []
    for (const d of detailed.list) {
      for (const blk of d.blocks) {
        for (const n of flattenBlock(blk)) {
          if (heightOf.has(toHex(n.hash))) continue
          heightOf.set(toHex(n.hash), d.momentum.height)
          all.push(n)
        }
      }
    }
    for (const s of [...sends, ...receives]) assert.ok(heightOf.has(s), `block ${s} is in a delivered momentum`)
    for (const [index, [filter]] of topics.entries()) {
      const sink = gotBlocks[index]!
      const expected = all.filter((n) => matchesFilter(filter, n)).map((n) => toHex(n.hash))
      const got = sink.map((n) => toHex(n.hash))
      assert.equal(new Set(got).size, got.length, `${filter.topic}: no block twice`)
      assert.deepEqual([...got].sort(), [...expected].sort(), `${filter.topic}: every block once`)
      const heights = got.map((x) => heightOf.get(x)!)
      heights.forEach((hgt, i) => assert.ok(i === 0 || hgt >= heights[i - 1]!, `${filter.topic}: in momentum order`))
      assert.ok(got.length > 0)
    }
    await subM.unsubscribe()
  } finally {
    await client.close()
    await publisher.close()
    await h.stop()
  }
})
