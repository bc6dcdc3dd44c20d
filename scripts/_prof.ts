import fs from 'fs';
import { parseDocument } from '../src/extract/html/dom.js';
import { collectMetaSources, readMeta } from '../src/extract/html/meta.js';
import { extractContent } from '../src/extract/html/content.js';
const pages = fs.readFileSync('/tmp/ex/in.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
for (let r=0;r<3;r++){
let tp=0,tm=0,tc=0;
for (const p of pages) { let t=performance.now(); const d=parseDocument(p.html); tp+=performance.now()-t; t=performance.now(); const s=collectMetaSources(d.root); const f=readMeta(s,d.htmlAttrs,p.url); tm+=performance.now()-t; t=performance.now(); extractContent(d.root,{title:f.title}); tc+=performance.now()-t; }
console.log({tp:tp|0,tm:tm|0,tc:tc|0});
}
