#!/usr/bin/env bash
# Keyword extraction speed next to YAKE, on the same documents, in one run.
#
# Documents: the 450 full-text 500N-KPCrowd stories from ../shared when present, else a generated
# text (then YAKE runs on the same generated text). YAKE (`yake` from PyPI) is installed into
# .venv (git-ignored); when that fails the script says so and reports whosaid alone.
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DOCS="$TMP/docs.jsonl"

if [ -f "$SHARED/tools/score_keywords.py" ] && [ -d "$SHARED/corpora/keyphrases/500N-KPCrowd" ]; then
  python3 "$SHARED/tools/score_keywords.py" "$SHARED" --split split_fulltext_450.txt \
    --dump-docs "$DOCS" >/dev/null || DOCS=""
else
  DOCS=""
fi
if [ -z "$DOCS" ]; then
  # The same generator as benches/keywords.rs is not reachable from Python; write a stand-in.
  DOCS="$TMP/docs.jsonl"
  python3 - "$DOCS" <<'PY'
import json, random, sys
random.seed(7)
words = "harbour council bridge ferry mayor budget river storm vote district school engineers Lake Tamsin Orrell repairs tolls".split()
with open(sys.argv[1], "w") as out:
    for i in range(450):
        text = " ".join(" ".join(random.choice(words) for _ in range(14)) + "." for _ in range(25))
        out.write(json.dumps({"id": str(i), "text": text}) + "\n")
PY
fi

OURS=$(cargo bench --quiet --bench keywords -- "$DOCS" 2>/dev/null | grep '^keywords:')
if [ -z "$OURS" ]; then
  echo "bench-keywords: the Rust benchmark failed"; exit 1
fi
echo "$OURS"
OURS_MBS=$(echo "$OURS" | awk '{print $2}')

PY=.venv/bin/python
if ! "$PY" -c 'import yake' 2>/dev/null; then
  { [ -x "$PY" ] || python3 -m venv .venv; } >/dev/null 2>&1
  .venv/bin/pip install -q yake >/dev/null 2>&1
fi
if ! "$PY" -c 'import yake' 2>/dev/null; then
  echo "yake: could not be installed into .venv (offline?); no comparison this run"
  exit 0
fi
YAKE=$("$PY" - "$DOCS" <<'PY'
import json, sys, time
import yake
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
extractor = yake.KeywordExtractor(lan="en", top=20)  # defaults: n=3
size = sum(len(t.encode("utf-8")) for t in texts)
start = time.perf_counter()
for t in texts:
    extractor.extract_keywords(t)
elapsed = time.perf_counter() - start
print("%.4f %d %.2f" % (size / 1e6 / elapsed, len(texts), elapsed))
PY
)
read -r YAKE_MBS YAKE_DOCS YAKE_S <<<"$YAKE"
echo "yake: $YAKE_MBS MB/s ($YAKE_DOCS docs, $YAKE_S s, yake $("$PY" -c 'import importlib.metadata as m; print(m.version("yake"))'), defaults n=3)"
awk -v a="$OURS_MBS" -v b="$YAKE_MBS" 'BEGIN { printf "ratio: whosaid keywords are %.0fx faster than YAKE\n", a / b }'
