"""Golden TF-IDF from scikit-learn on the token lists in tokens.json (see dump-tokens.ts).

Run with Debian's python3-sklearn:  /usr/bin/python3 tests/golden/tfidf/make-golden.py
Writes expected.json: per configuration the vocabulary, idf and the CSR matrix (values to 9 significant digits).
"""
import json
import pathlib
import sys

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

if __import__("os").environ.get("CI") == "true":
    sys.exit("refusing to regenerate the golden under CI=true")

here = pathlib.Path(__file__).parent
documents = json.loads((here / "tokens.json").read_text())

CONFIGS = [
    {"sublinear_tf": False, "smooth_idf": True, "norm": "l2"},
    {"sublinear_tf": True, "smooth_idf": True, "norm": "l2"},
    {"sublinear_tf": True, "smooth_idf": False, "norm": None},
]

# Vocabulary and sparsity pattern do not depend on the weighting options: stored once.
out = {"sklearn": sklearn.__version__, "n_docs": len(documents), "min_df": 2, "max_df": 0.9, "configs": []}
for config in CONFIGS:
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, min_df=2, max_df=0.9, **config)
    matrix = vectorizer.fit_transform(documents).tocsr()
    matrix.sort_indices()
    shared = {
        "terms": vectorizer.get_feature_names_out().tolist(),
        "indptr": matrix.indptr.tolist(),
        "indices": matrix.indices.tolist(),
    }
    for key, value in shared.items():
        assert out.setdefault(key, value) == value, key
    out["configs"].append({
        "options": config,
        "idf": [float(f"{v:.12g}") for v in vectorizer.idf_],
        "data": [float(f"{v:.9g}") for v in matrix.data],
    })
(here / "expected.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")
print(f"wrote {here / 'expected.json'}: {len(out['terms'])} terms, {len(out['indices'])} values")
