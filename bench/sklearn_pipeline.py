"""scikit-learn's side of the pipeline benchmark: the same records, TF-IDF settings, k and seed as ours.

Reads a normalized JSONL(.gz) corpus, drops repeats exactly as `pipelines/ingest/dedupe.ts` does (by id, and
by case-folded NFKC title with runs of punctuation/symbols/whitespace squashed, unless --dedupe id), builds
TfidfVectorizer(stop_words='english', ngram_range=(1, --ngrams), min_df, max_df, max_features, sublinear_tf=True,
float32) and clusters with KMeans(n_init=1) or MiniBatchKMeans(batch_size=4096, n_init=1).

Writes into --out: labels.csv (doc_id,cluster_id), top_terms.json (top 10 terms per cluster by centroid
weight), npmi.json (NPMI of those terms over this run's own binary doc-term matrix) and timings.json
(read / vectorize / cluster seconds, measured inside the process). Wall time and peak RSS of the whole
process are taken from outside by /usr/bin/time.

Usage: /usr/bin/python3 bench/sklearn_pipeline.py --input F --out DIR --k 20 --seed 42 --algorithm kmeans
"""

import argparse
import csv
import gzip
import json
import os
import sys
import time
import unicodedata

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer


def is_squashed(ch):
    """Unicode punctuation (P*), symbols (S*) and whitespace, as the regex [\\p{P}\\p{S}\\s] in dedupe.ts."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def normalize_title(title):
    out = []
    in_run = False
    for ch in unicodedata.normalize("NFKC", title).lower():
        if is_squashed(ch):
            if not in_run:
                out.append(" ")
            in_run = True
        else:
            out.append(ch)
            in_run = False
    return "".join(out).strip()


def read_corpus(path, by_title):
    opener = gzip.open if path.endswith(".gz") else open
    ids, texts = [], []
    seen_ids, seen_titles = set(), set()
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            # Ours reports a record with an empty title and skips it (one in 20 Newsgroups); so does this.
            if not rec["title"].strip():
                continue
            doc_id = rec["id"]
            new_id = doc_id not in seen_ids
            seen_ids.add(doc_id)
            new_title = True
            if by_title:
                title = normalize_title(rec["title"])
                if title != "":
                    new_title = title not in seen_titles
                    seen_titles.add(title)
            if not (new_id and new_title):
                continue
            ids.append(doc_id)
            # The same text ours analyses: title, a full stop, the abstract.
            texts.append(rec["title"] + ". " + rec["abstract"])
    return ids, texts


def npmi_of_topics(binary_csc, topics, n_docs):
    """Mean NPMI over the 45 pairs of each topic's top 10 terms; document co-occurrence, -1 when never together."""
    scores = []
    for terms in topics:
        cols = binary_csc[:, terms]
        df = np.asarray(cols.sum(axis=0)).ravel().astype(np.float64)
        co = (cols.T @ cols).toarray().astype(np.float64)
        pair_scores = []
        for a in range(len(terms)):
            for b in range(a + 1, len(terms)):
                joint = co[a, b]
                if joint == 0:
                    pair_scores.append(-1.0)
                    continue
                p_ab = joint / n_docs
                if p_ab == 1.0:
                    pair_scores.append(1.0)
                    continue
                pmi = np.log(p_ab / ((df[a] / n_docs) * (df[b] / n_docs)))
                pair_scores.append(pmi / -np.log(p_ab))
        scores.append(float(np.mean(pair_scores)) if pair_scores else 0.0)
    return scores


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--algorithm", choices=["kmeans", "minibatch"], default="kmeans")
    parser.add_argument("--dedupe", choices=["id+title", "id"], default="id+title")
    parser.add_argument("--min-df", type=float, default=5)
    parser.add_argument("--max-df", type=float, default=0.5)
    parser.add_argument("--batch-size", type=int, default=4096)
    # Same default as the pipeline's --max-features (pipelines/options.ts DEFAULT_MAX_FEATURES); 0 = no limit.
    parser.add_argument("--max-features", type=int, default=100000)
    parser.add_argument("--ngrams", type=int, choices=[1, 2], default=2, help="1: the classic unigram script")
    parser.add_argument("--no-quality", action="store_true", help="skip labels/terms/NPMI output (scale runs)")
    parser.add_argument("--labels-only", action="store_true", help="only labels.csv, as the classic script gives")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    t0 = time.perf_counter()
    ids, texts = read_corpus(args.input, args.dedupe == "id+title")
    t1 = time.perf_counter()
    min_df = int(args.min_df) if args.min_df >= 1 else args.min_df
    vectorizer = TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, args.ngrams),
        min_df=min_df,
        max_df=args.max_df,
        max_features=args.max_features or None,
        sublinear_tf=True,
        dtype=np.float32,
    )
    X = vectorizer.fit_transform(texts)
    del texts
    t2 = time.perf_counter()
    if args.algorithm == "kmeans":
        model = KMeans(n_clusters=args.k, n_init=1, random_state=args.seed)
    else:
        model = MiniBatchKMeans(n_clusters=args.k, n_init=1, random_state=args.seed, batch_size=args.batch_size)
    labels = model.fit_predict(X)
    t3 = time.perf_counter()

    timings = {
        "docs": len(ids),
        "terms": X.shape[1],
        "readS": t1 - t0,
        "vectorizeS": t2 - t1,
        "clusterS": t3 - t2,
        "nIter": int(model.n_iter_),
    }
    with open(os.path.join(args.out, "timings.json"), "w") as f:
        json.dump(timings, f)
    if args.no_quality:
        return

    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["doc_id", "cluster_id"])
        writer.writerows(zip(ids, labels.tolist()))
    if args.labels_only:
        return
    vocab = vectorizer.get_feature_names_out()
    order = np.argsort(-model.cluster_centers_, axis=1)[:, :10]
    topics = [row.tolist() for row in order]
    with open(os.path.join(args.out, "top_terms.json"), "w") as f:
        json.dump([[str(vocab[t]) for t in row] for row in topics], f)
    # Only the top-term columns: binarizing all of X would cost as much as a vectorizer pass.
    columns = sorted({t for row in topics for t in row})
    position = {t: i for i, t in enumerate(columns)}
    binary = (X[:, columns] > 0).astype(np.float32).tocsc()
    scores = npmi_of_topics(binary, [[position[t] for t in row] for row in topics], X.shape[0])
    with open(os.path.join(args.out, "npmi.json"), "w") as f:
        json.dump({"perCluster": scores, "mean": float(np.mean(scores))}, f)


if __name__ == "__main__":
    sys.exit(main())
