// Files the tests read from ../shared (beside this repository, or NEWSGRAPH_SHARED): the founding
// example is read there, never copied into the project, because its licence is unclear.
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';

const REPO = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(process.env.NEWSGRAPH_SHARED ?? path.join(REPO, '..', 'shared'));

/** The path of a file under ../shared; a clear error (not a skip) when it is missing. */
export function sharedFile(relative: string): string {
  const file = path.join(SHARED, relative);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: the tests read ${relative} from ../shared. Check out the shared folder beside this repository, or set NEWSGRAPH_SHARED to its path.`);
  }
  return file;
}

/** The founding example's text (../shared/examples/seed-article.txt). */
export const seedArticlePath = (): string => sharedFile('examples/seed-article.txt');
