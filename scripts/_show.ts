import fs from 'fs';
import { parseHtmlPage } from '../src/extract/html/index.js';
const [file, url] = [process.argv[2]!, process.argv[3] ?? null];
console.log(JSON.stringify(parseHtmlPage(fs.readFileSync(file, 'utf8'), { url }), null, 1));
