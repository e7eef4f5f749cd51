#!/usr/bin/env python3
"""TF-IDF + logistic regression baseline for MAPP segments, cross-validated by policy with the
same folds as `policylens eval segments --data mapp/segments.csv --lang L --cv K` (policy ids
sorted as strings, fold = position % K), F1 per category as mean and spread over the folds, and
per fold.

  python3 tools/baseline_mapp_segments.py --data ../shared/data/mapp/segments.csv --lang de

Needs scikit-learn (`pip install scikit-learn`); a research baseline, not part of the build.
"""
import argparse
import csv
import json
import statistics

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support

CATEGORIES = ["first_party_collection", "third_party_sharing"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--lang", default="de")
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--balanced", action="store_true", help="class_weight=balanced")
    args = parser.parse_args()
    rows = [r for r in csv.DictReader(open(args.data, encoding="utf-8"))
            if r["lang"] == args.lang and r["split"] == "train"]
    ids = sorted({r["policy_id"] for r in rows})
    fold = [ids.index(r["policy_id"]) % args.cv for r in rows]
    texts = [r["text"] for r in rows]
    gold = {c: [c in json.loads(r["labels"]) for r in rows] for c in CATEGORIES}
    scores = {c: {"p": [], "r": [], "f1": []} for c in CATEGORIES}
    for k in range(args.cv):
        train = [i for i in range(len(rows)) if fold[i] != k]
        test = [i for i in range(len(rows)) if fold[i] == k]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x_train = vectorizer.fit_transform([texts[i] for i in train])
        x_test = vectorizer.transform([texts[i] for i in test])
        for c in CATEGORIES:
            model = LogisticRegression(C=args.c, max_iter=2000,
                                       class_weight="balanced" if args.balanced else None)
            model.fit(x_train, [gold[c][i] for i in train])
            p, r, f1, _ = precision_recall_fscore_support(
                [gold[c][i] for i in test], model.predict(x_test), average="binary",
                zero_division=0)
            for name, value in (("p", p), ("r", r), ("f1", f1)):
                scores[c][name].append(value)
    result = {c: {name: {"mean": round(statistics.mean(v), 4), "std": round(statistics.pstdev(v), 4)}
                  for name, v in s.items()} for c, s in scores.items()}
    for c, s in scores.items():
        result[c]["f1_per_fold"] = [round(v, 3) for v in s["f1"]]
    print(json.dumps({"folds": args.cv, "lang": args.lang, "C": args.c,
                      "balanced": args.balanced, "per_category": result}, indent=2))


if __name__ == "__main__":
    main()
