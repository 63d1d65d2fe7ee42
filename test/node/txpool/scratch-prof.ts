import { createPoolFixture, signTx, pragueCommon } from './fixtures.ts'
import { decodeTransaction } from '../../../node/txpool/decodeTransaction.ts'
import { validateTransaction, prepareCommon } from '../../../node/txpool/validateTransaction.ts'
import { createTxFromRLP } from '@ethereumjs/tx'
import { openLevelJournal } from './fixtures.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const common = pragueCommon(); prepareCommon(common)
const raws: Uint8Array[] = []
for (let n = 0; n < 2000; n++) raws.push(signTx({ key: 0, nonce: BigInt(n) }))
const rules = { common, maxTxBytes: 131072, blockGasLimit: 30_000_000n, baseFeeFloor: 0n }
let t = performance.now(); const d = raws.map(decodeTransaction); console.log('decode', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
t = performance.now(); d.forEach((x) => validateTransaction(x, rules)); console.log('validate', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
t = performance.now(); raws.forEach((r) => createTxFromRLP(r, { common })); console.log('createTxFromRLP', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
const j = openLevelJournal(join(mkdtempSync(join(tmpdir(), 'x')), 'j'))
t = performance.now(); for (const r of raws) await j.put(d[0]!.hash.slice(), r); console.log('serial put', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
t = performance.now(); await Promise.all(raws.map((r, i) => j.put(new Uint8Array([i >> 8, i & 255]), r))); console.log('parallel put', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
await j.close()
