"""Clustering quality against corpus labels, for any number of runs, aligned by doc_id.

Truth is the FIRST label of each record (arXiv: primary category; 20 Newsgroups: the newsgroup), taken from the
first occurrence of each id in the corpus. Each run is a CSV doc_id,cluster_id; scores are computed over the
docs that the run kept and that have a label, with sklearn.metrics (NMI with arithmetic mean, ARI, V-measure).

Usage: /usr/bin/python3 bench/quality.py CORPUS NAME=labels.csv [NAME=labels.csv ...]   (prints JSON)
"""

import csv
import gzip
import json
import sys

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, v_measure_score


def truth_of(path):
    opener = gzip.open if path.endswith(".gz") else open
    truth = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["id"] not in truth and rec["labels"]:
                truth[rec["id"]] = rec["labels"][0]
    return truth


def main():
    corpus, runs = sys.argv[1], sys.argv[2:]
    truth = truth_of(corpus)
    result = {}
    for run in runs:
        name, path = run.split("=", 1)
        y_true, y_pred = [], []
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                label = truth.get(row["doc_id"])
                if label is not None:
                    y_true.append(label)
                    y_pred.append(int(row["cluster_id"]))
        result[name] = {
            "docs": len(y_true),
            "classes": len(set(y_true)),
            "nmi": normalized_mutual_info_score(y_true, y_pred),
            "ari": adjusted_rand_score(y_true, y_pred),
            "vMeasure": v_measure_score(y_true, y_pred),
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
