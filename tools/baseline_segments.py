#!/usr/bin/env python3
"""TF-IDF + logistic regression baseline for OPP-115 clause categories, cross-validated
exactly as `policylens eval segments --cv 5`: the same folds, thresholds tuned the same way,
the same metrics and JSON.

usage:
  python3 -m venv /tmp/baseline && /tmp/baseline/bin/pip install -r tools/requirements-baseline.txt
  /tmp/baseline/bin/python tools/baseline_segments.py --data ../shared/data/opp115/segments.csv \
      [--mapp ../shared/data/mapp/segments.csv] [--cv 5]

Folds (as `policylens::train::policy_folds`): the distinct policy ids of a corpus, sorted as
strings, are dealt to folds in turn (rank mod K); OPP-115 and MAPP are dealt separately.
Per outer fold the model is trained on the other folds: one binary logistic regression per
category (one-vs-rest) over TF-IDF word 1-2-grams (min df 2, sublinear tf), C chosen from
{1, 4, 16} by micro-F1 on inner out-of-fold scores; per-category thresholds on the decision
function maximise F1 on those inner out-of-fold scores (5 inner folds by policy, the same
rule), `other` last with the fallback (a segment with no category is `other`). MAPP segments
(--mapp, lang en) label first_party_collection and third_party_sharing only: they train those
two categories, and their held-out folds are scored on those two.
"""

import argparse
import csv
import json
import math
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

CATEGORIES = [
    ("first_party_collection", "First Party Collection/Use"),
    ("third_party_sharing", "Third Party Sharing/Collection"),
    ("user_choice", "User Choice/Control"),
    ("user_access", "User Access, Edit and Deletion"),
    ("data_retention", "Data Retention"),
    ("data_security", "Data Security"),
    ("policy_change", "Policy Change"),
    ("do_not_track", "Do Not Track"),
    ("specific_audiences", "International and Specific Audiences"),
    ("other", "Other"),
]
N = len(CATEGORIES)
OTHER = N - 1
MAPP_LABELLED = [0, 1]
CS = [1.0, 4.0, 16.0]


def read_segments(path, mapp):
    """Rows (policy, text, gold[N], labelled[N]) in file order."""
    csv.field_size_limit(sys.maxsize)
    by_label = {label: i for i, (_, label) in enumerate(CATEGORIES)}
    by_id = {cid: i for i, (cid, _) in enumerate(CATEGORIES)}
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            gold = np.zeros(N, dtype=bool)
            labelled = np.ones(N, dtype=bool)
            if mapp:
                if r["lang"] != "en":
                    continue
                for cid in json.loads(r["labels"]):
                    gold[by_id[cid]] = True
                labelled[:] = False
                labelled[MAPP_LABELLED] = True
            else:
                for label in json.loads(r["labels_majority"]):
                    gold[by_label[label]] = True
            rows.append((r["policy_id"], r["text"], gold, labelled))
    return rows


def folds_of(policies, k):
    """Fold of each row: its policy's rank among the sorted distinct ids, mod k."""
    ranked = {p: i for i, p in enumerate(sorted(set(policies)))}
    return np.array([ranked[p] % k for p in policies])


def round3(x):
    return np.round(x * 1000.0) / 1000.0


def best_threshold(scores, gold):
    """As src/train/thresholds.rs: the midpoint threshold with the best F1."""
    positives = int(gold.sum())
    if positives == 0:
        return math.inf
    order = np.argsort(-scores, kind="stable")
    s, g = scores[order], gold[order]
    tp = fp = 0
    best_f1, best = -1.0, math.inf
    for i in range(len(s)):
        if g[i]:
            tp += 1
        else:
            fp += 1
        nxt = s[i + 1] if i + 1 < len(s) else None
        if nxt is not None and nxt == s[i]:
            continue
        f1 = 2 * tp / (2 * tp + fp + positives - tp)
        if f1 > best_f1:
            best_f1 = f1
            best = round3((s[i] + nxt) / 2.0) if nxt is not None else s[i] - 1.0
    return best


def assign(scores, threshold):
    predicted = scores >= threshold
    none = ~predicted.any(axis=1)
    predicted[none, OTHER] = True
    return predicted


def tune(scores, gold):
    threshold = np.array([best_threshold(scores[:, c], gold[:, c]) for c in range(N)])
    best = (-1.0, threshold[OTHER])
    for t in sorted(set(round3(scores[:, OTHER]))):
        threshold[OTHER] = t
        p = assign(scores, threshold)[:, OTHER]
        g = gold[:, OTHER]
        tp, fp, fn = (p & g).sum(), (p & ~g).sum(), (~p & g).sum()
        f1 = 2 * tp / max(2 * tp + fp + fn, 1)
        if f1 > best[0]:
            best = (f1, t)
    threshold[OTHER] = best[1]
    return threshold


def fit_scores(texts, gold, labelled, train_idx, test_idx, c):
    """Decision-function scores of `test_idx` from models fitted on `train_idx`."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train = vectorizer.fit_transform([texts[i] for i in train_idx])
    x_test = vectorizer.transform([texts[i] for i in test_idx])
    scores = np.full((len(test_idx), N), -1e9)
    for k in range(N):
        rows = np.array([j for j, i in enumerate(train_idx) if labelled[i, k]])
        y = gold[train_idx[rows], k]
        if y.any() and not y.all():
            model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
            model.fit(x_train[rows], y)
            scores[:, k] = model.decision_function(x_test)
    return scores


def metrics(gold, predicted, categories):
    per, f1s = {}, []
    tp_all = fp_all = fn_all = 0
    for k in categories:
        g, p = gold[:, k], predicted[:, k]
        tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
        per[CATEGORIES[k][0]] = {"f1": f1, "p": prec, "r": rec, "support": tp + fn}
        f1s.append(f1)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    micro = 2 * tp_all / (2 * tp_all + fp_all + fn_all) if tp_all + fp_all + fn_all else 0.0
    return {"macro_f1": sum(f1s) / len(f1s), "micro_f1": micro, "per_category": per,
            "segments": len(gold)}


def spread(values):
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / (len(values) - 1) if len(values) > 1 else 0.0
    return {"mean": round(mean, 4), "std": round(math.sqrt(var), 4)}


def summary(per_fold):
    ids = list(per_fold[0]["per_category"])
    return {
        "folds": len(per_fold),
        "per_category": {
            cid: {key: spread([m["per_category"][cid][key] for m in per_fold])
                  for key in ["f1", "p", "r", "support"]}
            for cid in ids
        },
        "micro_f1": spread([m["micro_f1"] for m in per_fold]),
        "macro_f1": spread([m["macro_f1"] for m in per_fold]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--mapp")
    parser.add_argument("--cv", type=int, default=5)
    args = parser.parse_args()
    rows = read_segments(args.data, mapp=False)
    full = len(rows)
    if args.mapp:
        rows += read_segments(args.mapp, mapp=True)
    policies = [r[0] for r in rows]
    texts = [r[1] for r in rows]
    gold = np.array([r[2] for r in rows])
    labelled = np.array([r[3] for r in rows])
    is_full = np.arange(len(rows)) < full

    def dealt(idx, k):
        """Folds of the rows `idx`, each corpus dealt separately."""
        out = np.zeros(len(idx), dtype=int)
        for corpus in (True, False):
            sel = np.array([is_full[i] == corpus for i in idx])
            if sel.any():
                out[sel] = folds_of([policies[i] for i in idx[sel]], k)
        return out

    outer = dealt(np.arange(len(rows)), args.cv)
    per_fold, partly, chosen = [], [], []
    for k in range(args.cv):
        train_idx = np.where(outer != k)[0]
        inner = dealt(train_idx, 5)
        tune_rows = np.array([j for j, i in enumerate(train_idx) if is_full[i]])
        best = None
        for c in CS:
            oof = np.zeros((len(train_idx), N))
            for f in range(5):
                fit_idx, held = train_idx[inner != f], np.where(inner == f)[0]
                oof[held] = fit_scores(texts, gold, labelled, fit_idx, train_idx[held], c)
            g = gold[train_idx[tune_rows]]
            t = tune(oof[tune_rows], g)
            micro = metrics(g, assign(oof[tune_rows], t), range(N))["micro_f1"]
            if best is None or micro > best[0]:
                best = (micro, c, t)
        _, c, threshold = best
        chosen.append(c)
        for corpus, out, cats in ((True, per_fold, range(N)), (False, partly, MAPP_LABELLED)):
            test_idx = np.where((outer == k) & (is_full == corpus))[0]
            if len(test_idx):
                scores = fit_scores(texts, gold, labelled, train_idx, test_idx, c)
                out.append(metrics(gold[test_idx], assign(scores, threshold), cats))
    result = summary(per_fold)
    result["chosen_c"] = chosen
    if partly:
        result["partly_labelled"] = summary(partly)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
