#!/usr/bin/env bash
# Scores whosaid on the open dev sets in ../shared and prints each scorer's summary line.
# Usage: scripts/eval.sh [--debug] [--explain]
#   --debug    use a debug build (faster to compile) instead of the release CLI
#   --explain  also print every miss the scorers report
# WHOSAID_SHARED overrides the location of shared/ (e.g. when working in a git worktree).
# Skips with a message (exit 0) when ../shared is absent, so CI without the data stays green.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${WHOSAID_SHARED:-$root/../shared}"
profile=release
explain=0
for arg in "$@"; do
  case "$arg" in
    --debug) profile=debug ;;
    --explain) explain=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if [ ! -d "$shared/tools" ] || [ ! -d "$shared/corpora" ]; then
  echo "eval: skipped, ../shared (scorers and dev sets) is not present next to the repository"
  exit 0
fi

cd "$root"
if [ "$profile" = release ]; then
  cargo build --release --quiet --bin whosaid
else
  cargo build --quiet --bin whosaid
fi
bin="$root/target/$profile/whosaid"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# PolNeAR dev: one batch run through `analyze --jsonl`, then scored from the predictions.
polnear="$shared/corpora/polnear/dev"
python3 - "$polnear/text" > "$tmp/polnear.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if name.endswith(".txt"):
        text = open(os.path.join(d, name), encoding="utf-8").read()
        print(json.dumps({"id": name[:-4], "text": text}))
PY
"$bin" analyze --jsonl < "$tmp/polnear.jsonl" > "$tmp/polnear.pred.jsonl"
explain_n=0
[ "$explain" = 1 ] && explain_n=100000
echo "== PolNeAR dev (score_attribution.py)"
python3 "$shared/tools/score_attribution.py" --corpus "$polnear" \
  --predictions "$tmp/polnear.pred.jsonl" --explain "$explain_n" | { [ "$explain" = 1 ] && cat || grep '^summary:'; }

gold_flags=()
[ "$explain" = 1 ] && gold_flags+=(--explain)
echo "== seed article (score_gold.py)"
python3 "$shared/tools/score_gold.py" "${gold_flags[@]}" --cmd "$bin analyze {file}" \
  "$shared/samples/seed-article.gold.json" | { [ "$explain" = 1 ] && cat || grep '^summary:'; }
echo "== in-register dev (score_gold.py)"
python3 "$shared/tools/score_gold.py" "${gold_flags[@]}" --cmd "$bin analyze {file}" \
  "$shared"/corpora/inregister/dev/*.gold.json | { [ "$explain" = 1 ] && cat || grep '^summary:'; }
