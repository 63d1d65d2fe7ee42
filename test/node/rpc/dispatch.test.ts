import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import { InvalidParamsError } from '../../../node/errors.ts'
import type { RPCContext, RPCMethod } from '../../../node/rpc/context.ts'
import { Dispatcher } from '../../../node/rpc/dispatch.ts'

// The dispatcher never reads the context itself; it only hands it to methods, and these test
// methods do not use it.
const ctx = {} as RPCContext

function createDispatcher(record: string[] = [], logs: unknown[] = []) {
  const methods = new Map<string, RPCMethod>([
    ['test_echo', async (_ctx, params) => params],
    ['test_nothing', async () => undefined],
    ['test_bad', async () => { throw new InvalidParamsError('invalid argument 0: hex string without 0x prefix') }],
    ['test_crash', async () => { throw new TypeError('cannot read properties of undefined') }],
    [
      'test_record',
      async (_ctx, params) => {
        const [label, delay] = params as [string, number]
        await sleep(delay)
        record.push(label)
        return label
      },
    ],
  ])
  return new Dispatcher({ methods, maxBatchSize: 3, log: (event) => logs.push(event) })
}

const parse = (text: string | undefined) => (text === undefined ? undefined : JSON.parse(text))

describe('Dispatcher', () => {
  it('answers a request with its id and result', async () => {
    const reply = await createDispatcher().handleText(ctx, '{"jsonrpc":"2.0","id":"a","method":"test_echo","params":[1,"x"]}')
    assert.deepEqual(parse(reply), { jsonrpc: '2.0', id: 'a', result: [1, 'x'] })
    const nothing = await createDispatcher().handleText(ctx, '{"jsonrpc":"2.0","id":7,"method":"test_nothing"}')
    assert.deepEqual(parse(nothing), { jsonrpc: '2.0', id: 7, result: null })
  })

  it('returns -32700 for malformed JSON', async () => {
    const reply = await createDispatcher().handleText(ctx, '{"jsonrpc":"2.0",')
    assert.deepEqual(parse(reply), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } })
  })

  it('returns -32600 for invalid requests', async () => {
    const dispatcher = createDispatcher()
    for (const body of ['42', '"x"', '{"id":1,"method":"test_echo"}', '{"jsonrpc":"1.0","id":1,"method":"test_echo"}', '{"jsonrpc":"2.0","id":1}', '{"jsonrpc":"2.0","id":{},"method":"test_echo"}']) {
      const reply = parse(await dispatcher.handleText(ctx, body))
      assert.equal(reply.error.code, -32600, body)
      assert.equal(reply.error.message, 'invalid request', body)
    }
    const withId = parse(await dispatcher.handleText(ctx, '{"jsonrpc":"1.0","id":5,"method":"test_echo"}'))
    assert.equal(withId.id, 5)
  })

  it('returns -32601 with geth\'s message for an unknown method', async () => {
    const reply = await createDispatcher().handleText(ctx, '{"jsonrpc":"2.0","id":1,"method":"eth_mine"}')
    assert.deepEqual(parse(reply), { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'the method eth_mine does not exist/is not available' } })
  })

  it('refuses by-name params with -32602', async () => {
    const reply = await createDispatcher().handleText(ctx, '{"jsonrpc":"2.0","id":1,"method":"test_echo","params":{"a":1}}')
    assert.deepEqual(parse(reply), { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'non-array args' } })
  })

  it('maps node errors and hides internal ones, logging them', async () => {
    const logs: { level: string; method: string }[] = []
    const dispatcher = createDispatcher([], logs)
    const bad = parse(await dispatcher.handleText(ctx, '{"jsonrpc":"2.0","id":1,"method":"test_bad"}'))
    assert.deepEqual(bad.error, { code: -32602, message: 'invalid argument 0: hex string without 0x prefix' })
    assert.equal(logs.length, 0)
    const crash = parse(await dispatcher.handleText(ctx, '{"jsonrpc":"2.0","id":2,"method":"test_crash"}'))
    assert.deepEqual(crash, { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'internal error' } })
    assert.equal(logs.length, 1)
    assert.equal(logs[0]?.level, 'error')
    assert.equal(logs[0]?.method, 'test_crash')
  })

  it('sends nothing for notifications, alone or in a batch', async () => {
    const dispatcher = createDispatcher()
    assert.equal(await dispatcher.handleText(ctx, '{"jsonrpc":"2.0","method":"test_echo","params":[1]}'), undefined)
    assert.equal(await dispatcher.handleText(ctx, '[{"jsonrpc":"2.0","method":"test_echo"},{"jsonrpc":"2.0","method":"test_bad"}]'), undefined)
    const mixed = parse(await dispatcher.handleText(ctx, '[{"jsonrpc":"2.0","method":"test_echo"},{"jsonrpc":"2.0","id":9,"method":"test_echo","params":[2]}]'))
    assert.deepEqual(mixed, [{ jsonrpc: '2.0', id: 9, result: [2] }])
  })

  it('runs batch entries in order, one after another', async () => {
    const record: string[] = []
    const dispatcher = createDispatcher(record)
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'test_record', params: ['first', 30] },
      { jsonrpc: '2.0', id: 2, method: 'test_record', params: ['second', 0] },
      { jsonrpc: '2.0', id: 3, method: 'test_record', params: ['third', 10] },
    ]
    const reply = parse(await dispatcher.handleText(ctx, JSON.stringify(batch)))
    assert.deepEqual(record, ['first', 'second', 'third'])
    assert.deepEqual(reply.map((r: { id: number }) => r.id), [1, 2, 3])
  })

  it('starts a run of eth_sendRawTransaction entries in order without waiting, answers in order, then goes on', async () => {
    const events: string[] = []
    const methods = new Map<string, RPCMethod>([
      [
        'eth_sendRawTransaction',
        async (_ctx, params) => {
          const [label, delay] = params as [string, number]
          events.push(`start ${label}`)
          await sleep(delay)
          events.push(`end ${label}`)
          if (label === 'bad') throw new InvalidParamsError('invalid argument 0: hex string without 0x prefix')
          return label
        },
      ],
      [
        'test_record',
        async (_ctx, params) => {
          events.push(`record ${String(params[0])}`)
          return params[0]
        },
      ],
    ])
    const dispatcher = new Dispatcher({ methods, maxBatchSize: 10, log: () => undefined })
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: ['a', 30] },
      { jsonrpc: '2.0', id: 2, method: 'eth_sendRawTransaction', params: ['bad', 0] },
      { jsonrpc: '2.0', method: 'eth_sendRawTransaction', params: ['c', 10] },
      { jsonrpc: '2.0', id: 4, method: 'test_record', params: ['after'] },
      { jsonrpc: '2.0', id: 5, method: 'eth_sendRawTransaction', params: ['d', 0] },
    ]
    const reply = parse(await dispatcher.handleText(ctx, JSON.stringify(batch)))
    assert.deepEqual(events, ['start a', 'start bad', 'start c', 'end bad', 'end c', 'end a', 'record after', 'start d', 'end d'])
    assert.deepEqual(reply, [
      { jsonrpc: '2.0', id: 1, result: 'a' },
      { jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'invalid argument 0: hex string without 0x prefix' } },
      { jsonrpc: '2.0', id: 4, result: 'after' },
      { jsonrpc: '2.0', id: 5, result: 'd' },
    ])
  })

  it('answers each bad batch entry on its own', async () => {
    const reply = parse(await createDispatcher().handleText(ctx, '[1,{"jsonrpc":"2.0","id":2,"method":"nope"}]'))
    assert.deepEqual(reply, [
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'invalid request' } },
      { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'the method nope does not exist/is not available' } },
    ])
  })

  it('refuses an empty batch and a batch over the limit', async () => {
    const dispatcher = createDispatcher()
    assert.deepEqual(parse(await dispatcher.handleText(ctx, '[]')), { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'empty batch' } })
    const four = JSON.stringify(Array.from({ length: 4 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'test_echo' })))
    assert.deepEqual(parse(await dispatcher.handleText(ctx, four)), {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32005, message: 'batch too large: 4 requests, limit 3' },
    })
  })
})
