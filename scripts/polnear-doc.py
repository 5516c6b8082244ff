#!/usr/bin/env python3
"""Dev aid: prints our quotes (and gold quoted ranges) for PolNeAR docs whose text contains a string."""
import json, os, subprocess, sys, tempfile
needle = sys.argv[1]
gold = [json.loads(l) for l in open('/work/shared/eval/polnear-dev.jsonl', encoding='utf8')]
for g in gold:
    t = g['text']; i = t.find(needle)
    if i < 0: continue
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, g['doc'] + '.txt'); open(p, 'w', encoding='utf8').write(t)
        out = json.loads(subprocess.run(['npx', '--no-install', 'briefing', 'extract', p, '--json'], capture_output=True, text=True).stdout)
    lo, hi = max(0, i - 600), i + 400
    print(g['doc']); print(repr(t[lo:hi]))
    for q in out['quotes']:
        if q['end'] > lo and q['start'] < hi: print('  OURS', q['kind'], repr(q['text'][:80]), '=>', (q['speaker'] or {}).get('name'))
    for a in g['attributions']:
        for s, e in a['quoted']:
            if e > lo and s < hi: print('  GOLD', a['kind'], repr(t[s:e][:80]), '=>', a['source_text'])
