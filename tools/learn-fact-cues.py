#!/usr/bin/env python3
"""Learns data-type cue phrases for facts/en/data_types.tsv from the OPP-115 train spans.

For each data type, candidate phrases are the 1-3 word n-grams (not starting or ending with a
stop word) of the annotated "Personal Information Type" spans of train practices (First/Third
Party, "Does"). A phrase is kept when it occurs in spans of at least --min-policies train
policies and, over all train segments containing it, at least --min-precision of them hold a
practice of that type; curated phrases and blockers already in the table are skipped. The
best --top per type are printed as `type<TAB>phrase<TAB>learned` lines, for the learned block
at the end of data_types.tsv. Only train is read; dev stays held out for the decision.

usage: python3 tools/learn-fact-cues.py --data ../shared/data/opp115 --types browsing
"""
import argparse
import csv
import glob
import json
import os
import re
from collections import defaultdict

csv.field_size_limit(1 << 30)
TYPES = {'browsing': 'User online activities', 'location': 'Location', 'payment': 'Financial',
         'demographics': 'Demographic', 'social_profile': 'Social media data',
         'ip_device': 'IP address and device IDs'}
STOP = set('a an the of to and or in on for with by from at as is are be this that your you our '
           'we us it its their they any such other'.split())
COLLECTION = ('First Party Collection/Use', 'Third Party Sharing/Collection')


def words(text):
    return re.findall(r"[a-z0-9][a-z0-9'-]*", text.lower())


def grams(ws, longest=3):
    out = set()
    for n in range(1, longest + 1):
        for i in range(len(ws) - n + 1):
            g = ws[i:i + n]
            if g[0] not in STOP and g[-1] not in STOP:
                out.add(' '.join(g))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', required=True, help='the OPP-115 folder (segments.csv, consolidation-0.75/)')
    ap.add_argument('--table', default='facts/en/data_types.tsv')
    ap.add_argument('--types', nargs='+', default=list(TYPES), choices=list(TYPES))
    ap.add_argument('--min-policies', type=int, default=3)
    ap.add_argument('--min-precision', type=float, default=0.6)
    ap.add_argument('--top', type=int, default=40)
    args = ap.parse_args()

    segments = defaultdict(dict)
    for r in csv.DictReader(open(os.path.join(args.data, 'segments.csv'), encoding='utf-8')):
        if r['split'] == 'train':
            segments[r['policy_id']][int(r['segment_id'])] = r['text'].lower()
    span_policies = defaultdict(lambda: defaultdict(set))
    positive = defaultdict(set)
    for path in glob.glob(os.path.join(args.data, 'consolidation-0.75', '*.csv')):
        pid = os.path.basename(path).split('_')[0]
        if pid not in segments:
            continue
        for r in csv.reader(open(path, encoding='utf-8')):
            attrs = json.loads(r[6])
            kind = attrs.get('Personal Information Type', {})
            does = attrs.get('Does/Does Not', {}).get('value', 'Does') == 'Does'
            for name in args.types:
                if r[5] in COLLECTION and does and kind.get('value') == TYPES[name]:
                    positive[name].add((pid, int(r[4])))
                    span = kind.get('selectedText') or ''
                    if span != 'Not selected':
                        for g in grams(words(span)):
                            span_policies[name][g].add(pid)
    known = set()
    for line in open(args.table, encoding='utf-8'):
        if not line.startswith('#') and line.count('\t') == 2:
            known.add(line.split('\t')[1])
    for name in args.types:
        kept = []
        for g, pols in span_policies[name].items():
            if len(pols) < args.min_policies or g in known:
                continue
            pattern = re.compile(r'(?<![a-z0-9])' + re.escape(g) + r'(?![a-z0-9])')
            hits = [(pid, sid) for pid, ss in segments.items() for sid, t in ss.items() if pattern.search(t)]
            precision = sum(h in positive[name] for h in hits) / len(hits) if hits else 0
            if precision >= args.min_precision:
                kept.append((-precision, -len(pols), g))
        for _, _, g in sorted(kept)[:args.top]:
            print(f'{name}\t{g}\tlearned')


if __name__ == '__main__':
    main()
