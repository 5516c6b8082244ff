#!/usr/bin/env python3
"""Dev aid: runs `briefing extract` over the PolNeAR dev texts and prints per-article errors
(false-positive quotes, missed quotes, wrong speakers) with context. Usage: scripts/polnear-errors.py [fp|miss|spk]"""
import json, os, subprocess, sys, tempfile, re
sys.path.insert(0, '/work/shared/eval')
gold_path = os.environ.get('GOLD', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'eval', 'polnear-dev.jsonl'))
if not os.path.exists(gold_path): gold_path = '/work/shared/eval/polnear-dev.jsonl'
from score import speaker_ok, overlap
what = sys.argv[1:] or ['fp', 'miss', 'spk']
gold = [json.loads(l) for l in open(gold_path, encoding='utf8')]
with tempfile.TemporaryDirectory() as d:
    for g in gold:
        open(os.path.join(d, g['doc'] + '.txt'), 'w', encoding='utf8').write(g['text'])
    out = subprocess.run(['npx', '--no-install', 'briefing', 'extract', d, '--json'], capture_output=True, text=True).stdout
preds = {}
for l in out.splitlines():
    p = json.loads(l); preds[os.path.basename(p['article']['path'])[:-4]] = p
for g in gold:
    t = g['text']; P = [q for q in preds[g['doc']]['quotes'] if q['kind'] != 'indirect']
    G = [(s, e, a) for a in g['attributions'] if a['kind'] != 'indirect' for s, e in a['quoted']]
    lines = []
    if 'fp' in what:
        for q in P:
            if sum(overlap(q['start'], q['end'], s, e) for s, e, _ in G) / max(1, q['end'] - q['start']) <= 0.3:
                ctx = t[max(0, q['start'] - 100):min(len(t), q['start'] + 60)].replace('\n', ' | ')
                lines.append(f"  FP  {t[q['start']:q['end']][:90]!r} spk={(q['speaker'] or {}).get('name')}\n      ...{ctx}...")
    for s, e, a in G:
        cov = sum(overlap(s, e, q['start'], q['end']) for q in P)
        if cov / max(1, e - s) <= 0.3:
            if 'miss' in what:
                ctx = t[max(0, s - 150):min(len(t), e + 100)].replace('\n', ' | ')
                lines.append(f"  MISS {t[s:e][:90]!r} src={a['source_text']!r}\n      ...{ctx}...")
            continue
        if 'spk' in what and a['source_kind'] == 'name':
            best = max(P, key=lambda q: overlap(s, e, q['start'], q['end']))
            name = (best['speaker'] or {}).get('name') or ''
            if not speaker_ok(name, a['source_text']):
                ctx = t[max(0, s - 120):min(len(t), e + 80)].replace('\n', ' | ')
                lines.append(f"  SPK gold={a['source_text']!r} got={name!r} mention={(best['speaker'] or {}).get('mention')!r}\n      ...{ctx}...")
    if lines:
        print(g['doc']); print('\n'.join(lines))
