#!/usr/bin/env python3
"""Policy-level facts against the MAPP attribute annotations: for each policy of one language
in the MAPP train split, is a kind of data (or advertising) annotated anywhere in it, and does
`policylens analyze --json` on the policy's segments say so? Reported per fact over 5 folds by
policy (the same folds as `eval segments --cv 5`): mean and spread of accuracy, precision,
recall and F1. The fact tables are curated, not fitted, so the folds only show the spread.

  python3 tools/mapp_facts.py --data ../shared/data/mapp/segments.csv --lang de \\
      --cli target/release/policylens
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import tempfile

# MAPP information type -> the data_collected ids that name it.
DATA = {
    "Contact information": {"name", "email", "phone", "postal_address"},
    "IP address and device IDs": {"ip_address", "device_id"},
    "Location": {"location"},
    "Financial": {"payment"},
    "Health, genetic, or biometric data": {"health", "biometric"},
    "Demographic data": {"demographics", "birth_date"},
    "Social media data": {"social_profile"},
    "User online activities": {"browsing"},
}
ADVERTISING = "Advertising or marketing"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--lang", default="de")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--cv", type=int, default=5)
    args = parser.parse_args()
    policies = {}
    for row in csv.DictReader(open(args.data, encoding="utf-8")):
        if row["lang"] == args.lang and row["split"] == "train":
            policies.setdefault(row["policy_id"], []).append(row)
    gold, predicted = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for pid, rows in policies.items():
            path = os.path.join(tmp, f"{pid}.txt")
            with open(path, "w", encoding="utf-8") as out:
                out.write("\n\n".join(r["text"] for r in rows))
            report = json.loads(subprocess.run(
                [args.cli, "analyze", "--json", path], capture_output=True, text=True,
                check=True).stdout)
            facts = report["facts"]
            info = {v for r in rows for v in json.loads(r["info_types"])}
            purposes = {v for r in rows for v in json.loads(r["purposes"])}
            gold[pid] = {k: k in info for k in DATA}
            gold[pid]["advertising"] = ADVERTISING in purposes
            found = set(facts["data_collected"])
            predicted[pid] = {k: bool(ids & found) for k, ids in DATA.items()}
            predicted[pid]["advertising"] = facts["targeted_advertising"] in ("yes", "unclear")
    ids = sorted(policies)
    facts = list(DATA) + ["advertising"]
    result = {}
    for fact in facts:
        per_fold = {"accuracy": [], "precision": [], "recall": [], "f1": []}
        for k in range(args.cv):
            fold = [p for i, p in enumerate(ids) if i % args.cv == k]
            tp = sum(gold[p][fact] and predicted[p][fact] for p in fold)
            fp = sum(not gold[p][fact] and predicted[p][fact] for p in fold)
            fn = sum(gold[p][fact] and not predicted[p][fact] for p in fold)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            per_fold["accuracy"].append(sum(gold[p][fact] == predicted[p][fact] for p in fold) / len(fold))
            per_fold["precision"].append(precision)
            per_fold["recall"].append(recall)
            per_fold["f1"].append(f1)
        result[fact] = {name: {"mean": round(statistics.mean(v), 3), "std": round(statistics.pstdev(v), 3)}
                        for name, v in per_fold.items()}
        result[fact]["support"] = sum(gold[p][fact] for p in ids)
    print(json.dumps({"policies": len(ids), "lang": args.lang, "per_fact": result}, indent=2))


if __name__ == "__main__":
    main()
