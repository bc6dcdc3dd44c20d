import fs from 'fs';
import { parseDocument } from '../src/extract/html/dom.js';
const lines = fs.readFileSync('/tmp/ex/in.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const p = lines.find((l:any)=>l.id.startsWith(process.argv[2]!));
const doc = parseDocument(p.html);
const find = (e:any, path:string[]):void => { for (const c of e.children) { if (typeof c==='string') { if (c.includes(process.argv[3]!)) console.log(path.join('>')); } else find(c, [...path, c.tag+(c.attrs.class?'.'+c.attrs.class.split(' ')[0]:'') + (c.attrs.style? '[style='+c.attrs.style+']':'') + (c.attrs.hidden!==undefined?'[hidden]':'')+(c.attrs['aria-hidden']?'[ariahidden]':'')]); } };
find(doc.root, []);
