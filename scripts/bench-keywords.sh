#!/usr/bin/env bash
# Keyword extraction speed next to YAKE, on the same documents, in one run.
#
# Documents: the 450 full-text 500N-KPCrowd stories from ../shared when present, else a generated
# text (then YAKE runs on the same generated text). YAKE (`yake` from PyPI) is installed into
# .venv (git-ignored); when that fails the script says so and reports whosaid alone.
set -uo pipefail
cd "$(dirname "$0")/.."
# ../shared beside the checkout; a worktree one level deeper finds it at ../../shared.
SHARED=${SHARED:-../shared}
[ -d "$SHARED" ] || SHARED=../../shared
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
  # Without ../shared both sides time the same generated stand-in.
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
echo "documents: $([ -f "$SHARED/tools/score_keywords.py" ] && echo "500N-KPCrowd full text from $SHARED" || echo "generated stand-in (no ../shared)")"
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
size = sum(len(t.encode("utf-8")) for t in texts)
# Defaults (n=3, the usual choice) and single words (n=1, its best setting on 500N-KPCrowd).
for n in (3, 1):
    extractor = yake.KeywordExtractor(lan="en", n=n, top=20)
    # CPU time, like the Rust side, so that a busy machine does not skew the ratio.
    start = time.process_time()
    for t in texts:
        extractor.extract_keywords(t)
    elapsed = time.process_time() - start
    print("%d %.4f %d %.2f" % (n, size / 1e6 / elapsed, len(texts), elapsed))
PY
)
VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("yake"))')
while read -r N MBS DOCS SECS; do
  echo "yake n=$N: $MBS MB/s ($DOCS docs, $SECS s CPU time, yake $VERSION)"
  awk -v a="$OURS_MBS" -v b="$MBS" -v n="$N" \
    'BEGIN { printf "ratio: whosaid keywords are %.0fx faster than YAKE n=%s\n", a / b, n }'
done <<<"$YAKE"
