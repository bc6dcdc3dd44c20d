import fs from 'fs';
import { parseDocument } from '../src/extract/html/dom.js';
import { collectBlocks, extractContent } from '../src/extract/html/content.js';
const id = process.argv[2]!;
const lines = fs.readFileSync('/tmp/ex/in.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const p = lines.find((l:any)=>l.id.startsWith(id));
const doc = parseDocument(p.html);
const path = (e:any)=>{const a=[];for(;e&&e.tag!=='#root';e=e.parent)a.unshift(e.tag+(e.attrs.id?'#'+e.attrs.id:'')+(e.attrs.class?'.'+e.attrs.class.trim().split(/\s+/).slice(0,2).join('.'):''));return a.slice(-5).join('>')};
const r = extractContent(doc.root);
console.log('containers', r.containers.map(path));
const kept = new Set(r.blocks.map((b:any)=>b.index));
const gt = JSON.parse(fs.readFileSync('/work/shared/data/extraction-bench/ground-truth.json','utf8'))[p.id].articleBody;
if (process.argv[3]) for (const b of collectBlocks(doc.root)) { if (b.chars>15) console.log(kept.has(b.index)?'+':'-', b.caption?'C':' ', gt.includes(b.text.slice(0,40))?'G':' ', b.text.slice(0,70), ' <<', path(b.el)); }
console.log('GT:', gt.slice(0,300));
