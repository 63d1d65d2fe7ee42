/**
 * Result validation against the execution-apis schemas (test/fixtures/execution-apis.json, JSON Schema
 * draft 2019-09) with ajv. Validators are compiled once per process and reused by every test in it.
 *
 * Methods the specification does not cover (web3_*, net_listening, net_peerCount, uncle counts,
 * eth_getFilterLogs, eth_subscribe / eth_unsubscribe and the newHeads notification) get schemas here,
 * built from the specification's own components so they are held to the same field rules; so do the
 * FilterResults methods (see filterResults below).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Ajv2019 } from 'ajv/dist/2019.js'
import type { ValidateFunction } from 'ajv'

const documentId = 'execution-apis'
const spec = JSON.parse(readFileSync(new URL('../../fixtures/execution-apis.json', import.meta.url), 'utf8')) as {
  methods: Record<string, { result: { schema: unknown } }>
  components: { schemas: Record<string, unknown> }
}

const ref = (component: string): Record<string, unknown> => ({ $ref: `${documentId}#/components/schemas/${component}` })
const nullOr = (schema: Record<string, unknown>): Record<string, unknown> => ({ oneOf: [{ type: 'null' }, schema] })

/** The header fields geth sends in a newHeads notification: a Block without body fields. */
const headerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['hash', 'parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce'],
  properties: Object.fromEntries(
    ['hash', 'parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'difficulty', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce', 'baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash'].map((field) => [
      field,
      { $ref: `${documentId}#/components/schemas/Block/properties/${field}` },
    ]),
  ),
}

/**
 * FilterResults is `oneOf` [hashes, logs], which an empty array matches twice and so fails; the
 * specification means "either list", so these methods are checked with `anyOf` over the same two.
 */
const filterResults = {
  anyOf: [
    { type: 'array', items: ref('hash32') },
    { type: 'array', items: ref('Log') },
  ],
}

const localSchemas: Record<string, unknown> = {
  eth_getLogs: filterResults,
  eth_getFilterChanges: filterResults,
  eth_getFilterLogs: filterResults,
  web3_clientVersion: { type: 'string', minLength: 1 },
  web3_sha3: ref('hash32'),
  net_listening: { type: 'boolean' },
  net_peerCount: ref('uint'),
  eth_getUncleCountByBlockHash: nullOr(ref('uint')),
  eth_getUncleCountByBlockNumber: nullOr(ref('uint')),
  eth_subscribe: ref('uint'),
  eth_unsubscribe: { type: 'boolean' },
  'notification:newHeads': headerSchema,
  'notification:logs': ref('Log'),
  'notification:newPendingTransactions': ref('hash32'),
  'component:PendingTransactionInfo': ref('PendingTransactionInfo'),
  'component:TransactionInfo': ref('TransactionInfo'),
}

const ajv = new Ajv2019({ strict: false, allErrors: true })
ajv.addSchema(spec, documentId)
const validators = new Map<string, ValidateFunction>()

function validatorFor(name: string): ValidateFunction {
  const known = validators.get(name)
  if (known !== undefined) return known
  const schema = localSchemas[name] ?? (spec.methods[name] === undefined ? undefined : { $ref: `${documentId}#/methods/${name}/result/schema` })
  if (schema === undefined) throw new Error(`no result schema for ${name}`)
  const validate = ajv.compile(schema as object)
  validators.set(name, validate)
  return validate
}

/** Asserts that `result` is a valid result of `method` (or a `notification:<kind>` / `component:<Name>`). */
export function assertResultSchema(method: string, result: unknown): void {
  const validate = validatorFor(method)
  const ok = validate(result)
  assert.ok(ok, `${method} result does not match its schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(result)}`)
}
