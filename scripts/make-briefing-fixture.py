#!/usr/bin/env python3
"""Writes the multi-article briefing the question set (test/fixtures/briefing/questions.yaml) runs
over: the launch article and PolNeAR articles (../shared/eval), chosen for the people who recur in
them under different names. Most get front matter (title, published, source) as a feed would give;
the ones in PLAIN stay plain text with no front matter, so their dates must be inferred.
Run from the project root: python3 scripts/make-briefing-fixture.py"""
import json, os, shutil, sys

OUT = 'test/fixtures/briefing/content'
DOCS = 'test/fixtures/briefing/articles.txt'
PLAIN = {
    'usa-today_2016-05-05_spoiler-no-more-kasich-ends-bid',
    'politico_2016-07-06_lewandowski-fbi-director-acted-a',
    'wash-post_2016-03-30_trump-sticking-by-his-campaign-m',
    'huff-post_2016-03-15_ted-cruz-physically-assaulting-a',
    'west-journal_2016-06-20_media-reports-reveal-reason-behi',
    'wash-post_2016-09-14_a-lesson-from-loretta-lynch-be-t',
    'politico_2016-09-22_house-panel-votes-to-hold-clinto',
    'usa-today_2015-12-15_nevada-a-newcomer-in-republican-',
}

def main():
    wanted = [l.split('#')[0].strip() for l in open(DOCS) if l.split('#')[0].strip()]
    docs = {}
    for f in ['../shared/eval/polnear-train-dev.jsonl', '../shared/eval/polnear-dev.jsonl']:
        for line in open(f, encoding='utf8'):
            if line.strip():
                d = json.loads(line)
                docs[d['doc']] = d
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    shutil.copy('content/2025-02-17-starmer-ukraine-security.md', OUT)
    for doc in wanted:
        d = docs[doc]
        if doc in PLAIN:
            with open(os.path.join(OUT, doc + '.txt'), 'w', encoding='utf8') as f:
                f.write(d['text'])
            continue
        title, _, body = d['text'].partition('\n')
        with open(os.path.join(OUT, doc + '.md'), 'w', encoding='utf8') as f:
            f.write('---\n')
            f.write('title: ' + json.dumps(title.strip().rstrip('.') or d['title'], ensure_ascii=False) + '\n')
            f.write('published: ' + d['date'] + '\n')
            f.write('source: ' + d['publisher'] + '\n')
            f.write('---\n')
            f.write(body.lstrip('\n'))
    print(f'{len(wanted) + 1} articles in {OUT}', file=sys.stderr)

main()
