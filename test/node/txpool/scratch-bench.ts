import { createPoolFixture, signTx, ADDRESSES, GWEI } from './fixtures.ts'
const f = await createPoolFixture({ maxPerSender: 1000 })
const raws: Uint8Array[] = []
for (let k = 0; k < 4; k++) for (let n = 0; n < 500; n++) raws.push(signTx({ key: k, nonce: BigInt(n) }))
let cpu = process.cpuUsage()
let t = performance.now()
for (let i = 0; i < raws.length; i += 100) await Promise.all(raws.slice(i, i + 100).map((r) => f.pool.add(r)))
let ms = performance.now() - t
const used = process.cpuUsage(cpu)
console.log('cpu us/tx', ((used.user + used.system) / raws.length).toFixed(0))
console.log('add', raws.length, 'txs in', ms.toFixed(0), 'ms =', (raws.length / ms * 1000).toFixed(0), 'tx/s', f.pool.status())
t = performance.now()
const c = f.pool.candidates(GWEI); let n = 0; while (c.next()) n++
console.log('candidates', n, (performance.now() - t).toFixed(1), 'ms')
t = performance.now()
for (const a of ADDRESSES) f.accounts.set(a, 250n, 10n ** 21n)
await f.pool.onBlockSealed([])
console.log('onBlockSealed', (performance.now() - t).toFixed(1), 'ms', f.pool.status())
t = performance.now()
await f.restart()
console.log('replay', (performance.now() - t).toFixed(1), 'ms', f.pool.status())
await f.cleanup()
