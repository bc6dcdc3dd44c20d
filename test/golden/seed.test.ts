// The golden test on the founding example (test/fixtures/articles/seed): every item a careful
// reader extracts must be found; a regression in any stage fails one named test. See golden.ts.
import { runGolden } from './golden.js';

runGolden(['seed']);
