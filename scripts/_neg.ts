import fs from 'fs';
import { parseDocument } from '../src/extract/html/dom.js';
import { collectBlocks } from '../src/extract/html/content.js';
import { isBoilerplateByClass, classIdOf, BOILERPLATE_CLASS_PATTERNS } from '../src/extract/html/patterns.js';
const [id, needle] = [process.argv[2]!, process.argv[3]!];
const lines = fs.readFileSync('/tmp/ex/in.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const p = lines.find((l:any)=>l.id.startsWith(id));
const doc = parseDocument(p.html);
const b = collectBlocks(doc.root).find(b=>b.text.includes(needle))!;
for (let e:any=b.el; e; e=e.parent) { const ci = classIdOf(e); console.log(e.tag, JSON.stringify(ci).slice(0,150), isBoilerplateByClass(e) ? 'NEG '+Object.entries(BOILERPLATE_CLASS_PATTERNS).filter(([k,r])=>r.test(ci)).map(([k,r])=>k+':'+ci.match(r)![0]).join(',') : ''); }
