import { startTestNode } from '../../helpers/node.ts'
const t0 = Date.now()
const n = await startTestNode()
console.log('started', Date.now() - t0)
await n.stop()
console.log('stopped', Date.now() - t0)
process.on('exit', () => console.log('exit', Date.now() - t0))
