import { signTx, pragueCommon } from './fixtures.ts'
import { createTxFromRLP, paramsTx } from '@ethereumjs/tx'
import type { Common } from '@ethereumjs/common'
const common = pragueCommon()
const raws: Uint8Array[] = []
for (let n = 0; n < 2000; n++) raws.push(signTx({ key: 0, nonce: BigInt(n) }))
let t = performance.now(); raws.forEach((r) => createTxFromRLP(r, { common })); console.log('createTxFromRLP', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
const sticky: Common = common.copy(); sticky.updateParams(paramsTx)
Object.defineProperty(sticky, 'copy', { value: () => sticky }); Object.defineProperty(sticky, 'updateParams', { value: () => undefined })
t = performance.now(); raws.forEach((r) => createTxFromRLP(r, { common: sticky })); console.log('sticky createTxFromRLP', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
t = performance.now(); raws.forEach((r) => createTxFromRLP(r, { common })); console.log('createTxFromRLP', ((performance.now() - t) / 2000 * 1000).toFixed(1), 'us')
