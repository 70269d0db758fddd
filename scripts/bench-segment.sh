#!/usr/bin/env bash
# Times whosaid's segmenter and pySBD on the same text in one run and prints the speed ratio.
#
# The text is the one benches/segment.rs builds (PolNeAR train texts when ../shared is present,
# else a generated text). pySBD runs from a local virtualenv (.venv, git-ignored) made here; if it
# cannot be installed (no network, no venv module) the script says so and reports whosaid alone.
# pySBD is slow (about 0.03 MB/s), so by default it segments the first PYSBD_BYTES bytes of the
# text (200000); set PYSBD_BYTES=0 for the whole text.
set -euo pipefail
cd "$(dirname "$0")/.."

TEXT=target/bench-segment.txt
PYSBD_BYTES=${PYSBD_BYTES:-200000}
mkdir -p target

echo "== whosaid (release, one core)"
OUT=$(cargo bench --quiet --bench segment -- --write-text "$TEXT" 2>/dev/null | tail -2)
echo "$OUT"
WHOSAID_MBS=$(echo "$OUT" | sed -n 's/.*median \([0-9.]*\) MB\/s.*/\1/p')

echo "== pySBD"
PY=.venv/bin/python
if [ ! -x "$PY" ] || ! "$PY" -c 'import pysbd' 2>/dev/null; then
  if ! { python3 -m venv .venv && "$PY" -m pip install --quiet --disable-pip-version-check pysbd; } >/dev/null 2>&1; then
    echo "pySBD could not be installed (no network or no python3-venv); skipping the comparison."
    echo "whosaid: ${WHOSAID_MBS} MB/s"
    exit 0
  fi
fi

PYSBD_MBS=$("$PY" - "$TEXT" "$PYSBD_BYTES" <<'PY'
import sys, time, pysbd
path, limit = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
if limit > 0:
    data = data[:limit]
text = data.decode("utf-8", "ignore")
seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
docs = [d for d in text.split("\n\n\n") if d.strip()]
start = time.perf_counter()
n = sum(len(seg.segment(d)) for d in docs)
secs = time.perf_counter() - start
mb = len(text.encode("utf-8")) / 1e6
print(f"pySBD {pysbd.__version__}: {mb:.2f} MB, {n} sentences, {secs:.1f} s", file=sys.stderr)
print(f"{mb / secs:.4f}")
PY
)
echo "pySBD: ${PYSBD_MBS} MB/s"
python3 -c "import sys; w, p = float(sys.argv[1]), float(sys.argv[2]); print(f'ratio: whosaid is {w / p:,.0f}x faster than pySBD ({w:.1f} vs {p:.4f} MB/s)')" "$WHOSAID_MBS" "$PYSBD_MBS"
