// Every article fixture but the seed (which seed.test.ts runs): see golden.ts.
import { ARTICLE_FIXTURES, runGolden } from './golden.js';

runGolden(ARTICLE_FIXTURES.filter((slug) => slug !== 'seed'));
