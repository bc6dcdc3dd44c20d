import fs from 'fs';
import { parseDocument, textOf } from '../src/extract/html/dom.js';
const lines = fs.readFileSync('/tmp/ex/in.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
for (let k=0;k<3;k++){
let t=Date.now();
for (const p of lines) { parseDocument(p.html); }
console.log('parse', (Date.now()-t), 'ms');
}
let t=Date.now();
const deep = '<html><body>' + '<div>'.repeat(200000) + 'hi' + '</div>'.repeat(200000);
const d = parseDocument(deep);
console.log('deep parse', Date.now()-t, textOf(d.root));
const big = '<html><body>' + '<p>hello world this is text &amp; more</p>\n'.repeat(500000);
t=Date.now();
const b = parseDocument(big);
console.log('big', big.length, Date.now()-t);
const g = Buffer.from(Array.from({length: 5e6}, (_, i) => (i * 2654435761) % 256)).toString('latin1');
t=Date.now(); parseDocument(g); console.log('garbage', Date.now()-t);
const x = parseDocument('<p>a<p>b<ul><li>c<li>d</ul><table><tr><td>e<td>f</table>&amp;&copy;&#146;&notify;<script>if(a<b)</p></script>z');
console.log(JSON.stringify(x.root, (k,v)=>k==='parent'?undefined:v));
