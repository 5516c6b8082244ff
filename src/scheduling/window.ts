// A channel's digest from the async article source: what the window needs is read first (the
// articles added since the last digest, and the latest few when the window may fall back to them),
// then the digest is composed from those rows by the same pure code every backend shares.
import { digestForWindow, FIRST_DIGEST_ARTICLES } from '../core/digest/compose.ts';
import type { Digest, DigestEntry, WhenNothingNew } from '../core/digest/types.ts';
import { visibleSource, type Visible } from '../core/commands/visibility.ts';
import type { DigestArticles } from '../store/types.ts';

/** visibleSource asks for five times the articles it keeps, so hidden ones do not leave a digest short. */
const LATEST_READ = FIRST_DIGEST_ARTICLES * 5;

export async function digestFromStore(
  source: DigestArticles,
  visible: Visible | null,
  a: { since: number | null; now: number; zone: string; whenNothingNew: WhenNothingNew },
): Promise<Digest | null> {
  const fresh = a.since === null ? [] : await source.articlesAddedSince(a.since);
  const freshVisible = visible ? fresh.filter((e) => visible(e.extraction.article.id)) : fresh;
  const needsLatest = a.since === null || (freshVisible.length === 0 && a.whenNothingNew === 'repost');
  const latest: DigestEntry[] = needsLatest ? await source.latestArticles(LATEST_READ) : [];
  const read = {
    articlesAddedSince: () => fresh,
    latestArticles: (limit: number) => {
      if (limit > LATEST_READ) throw new Error(`the digest asked for ${limit} latest articles; ${LATEST_READ} were read`);
      return latest.slice(0, limit);
    },
  };
  return digestForWindow(visibleSource(read, visible), a);
}
