// The DST nights: see dst-nights.ts.
import { describe, it } from 'vitest';
import { checkNight, NIGHTS } from './dst-nights.ts';
import { FAKETIME } from './faketime.ts';

describe.skipIf(FAKETIME.skip !== null)('fall-back nights: the real bot under libfaketime', () => {
  for (const night of NIGHTS.filter((n) => n.name.includes('fall-back'))) {
    it(`${night.name}: every digest once, in its minute, with the process TZ in London, New York and UTC`, { timeout: 300_000 }, () => checkNight(night));
  }
});
