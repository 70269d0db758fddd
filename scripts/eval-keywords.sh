#!/usr/bin/env bash
# Scores keyword extraction on 500N-KPCrowd (450 full-text documents) with the shared scorer:
# one line for `keywords.terms`, one for `keywords.top`, one for `keywords.phrases`.
# Needs ../shared and Python with nltk (installed into .venv when missing).
# Usage: scripts/eval-keywords.sh [path/to/whosaid]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
# ../shared beside the checkout; a worktree one level deeper finds it at ../../shared.
[ -d "$SHARED/corpora/keyphrases/500N-KPCrowd" ] || SHARED=../../shared
if [ ! -d "$SHARED/corpora/keyphrases/500N-KPCrowd" ]; then
  echo "eval-keywords: no ../shared; skipped"; exit 0
fi
BIN=${1:-target/release/whosaid}
[ -x "$BIN" ] || cargo build --release --quiet
PY=python3
"$PY" -c 'import nltk' 2>/dev/null || {
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -c 'import nltk' 2>/dev/null || .venv/bin/pip install -q nltk
  PY=.venv/bin/python
}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SCORER="$SHARED/tools/score_keywords.py"
"$PY" "$SCORER" "$SHARED" --split split_fulltext_450.txt --dump-docs "$TMP/docs.jsonl" >/dev/null
"$BIN" analyze --jsonl <"$TMP/docs.jsonl" >"$TMP/out.jsonl"
for field in terms top phrases; do
  "$PY" - "$field" "$TMP/out.jsonl" >"$TMP/$field.jsonl" <<'PYEOF'
import json, sys
field, path = sys.argv[1], sys.argv[2]
for line in open(path, encoding="utf-8"):
    o = json.loads(line)
    items = o["analysis"]["keywords"][field]
    print(json.dumps({"id": o["id"], "keyphrases": [x["text"] for x in items]}))
PYEOF
  echo "keywords.$field:"
  "$PY" "$SCORER" "$SHARED" "$TMP/$field.jsonl" --split split_fulltext_450.txt
done
