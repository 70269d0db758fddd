// End-to-end tests of the page in headless Chromium: analysis shown, interaction, themes and
// small screens, crash recovery, files, exports, and that the page stays offline and CSP-clean.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openPage, analyze, screenshot, cleanliness, waitForRun, serveAndLaunch } from './helpers.mjs';
import { coreAnalyze, expectedViews, sourceKeywordsLine } from './core.mjs';

// A text written for this test. The expected values come from the core itself (e2e/core.mjs),
// plus a few hand-written facts that any sane core must give on it.
const LIBRARY = [
  'Library plans approved',
  'Lena Park said the new library would open in June. "Every child deserves a quiet place to read," Park said. The building will have three floors.',
  'Omar Haddad said the library roof would use recycled steel. Construction begins next week.',
].join('\n\n');

const env = serveAndLaunch();

/** Opens the page and returns helpers; `finish()` asserts the page stayed clean. */
async function open(options) {
  const session = await openPage(env.browser, env.server.url, options);
  session.finish = async () => {
    const { problems, csp, foreign } = await cleanliness(session.page, session.problems, session.requests, env.server.url);
    assert.deepEqual(problems, [], 'console errors or page errors');
    assert.deepEqual(csp, [], 'CSP violations');
    assert.deepEqual(foreign, [], 'requests outside the page origin');
    await session.context.close();
  };
  return session;
}

const texts = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));
const tableRows = (page, sel) =>
  page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

/** The detail panel as {label: value}. */
const detailRows = (page) =>
  page.$$eval('#detail dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));

/** Checks the detail panel of sentence `i` against the core's attribution. */
async function checkDetail(page, text, analysis, i) {
  await page.click(`#text .sent[data-i="${i}"]`);
  const a = analysis.sentences[i].attribution;
  const detail = await detailRows(page);
  assert.equal(detail.Sentence, `${i + 1} of ${analysis.sentences.length}, paragraph ${analysis.sentences[i].paragraph + 1}`);
  if (!a) {
    assert.match(detail.Attribution, /^None: the author’s own voice/);
    return;
  }
  assert.equal(detail.Cue, a.cue ? a.cue.text : 'none');
  if (a.source) {
    const name = a.source.entity !== null ? analysis.sources[a.source.entity].name : a.source.text;
    assert.ok(detail.Source.startsWith(`${name} (${a.source.kind})`), `${detail.Source} for ${name}`);
  } else {
    assert.match(detail.Source, /^None named/);
  }
  assert.equal(detail.Relay, a.via.length ? a.via.map((v) => `${v.text} (${v.kind})`).join(' → ') : 'none');
  assert.equal(detail.Quotes, a.quotes.length ? a.quotes.map((q) => text.slice(q.start, q.end)).join('') : 'none');
  assert.ok(detail.Why.endsWith(` ${a.rule}`), `Why: ${detail.Why} (rule ${a.rule})`);
  assert.ok(detail.Why.length > a.rule.length + 10, 'the rule is explained in words');
  assert.equal(await page.$eval(`#text .sent[data-i="${i}"]`, (e) => e.getAttribute('aria-selected')), 'true');
}

test('analysis: the page shows exactly the core’s sentences, legend, shares, sources and keywords', async () => {
  const s = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = s;
  const core = await coreAnalyze(LIBRARY, {});
  const want = expectedViews(LIBRARY, core);
  await analyze(page, LIBRARY);
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');

  // Facts any sane core must give on this text (written by hand, not taken from the core).
  assert.deepEqual(want.sentences, [
    'Library plans approved',
    'Lena Park said the new library would open in June.',
    '"Every child deserves a quiet place to read," Park said.',
    'The building will have three floors.',
    'Omar Haddad said the library roof would use recycled steel.',
    'Construction begins next week.',
  ]);
  const at = (i) => core.sentences[i].attribution;
  for (const [i, who] of [[1, 'Lena Park'], [2, 'Park'], [4, 'Omar Haddad']]) {
    assert.ok(at(i)?.source?.text.includes(who), `sentence ${i} is attributed to ${who}`);
    assert.equal(at(i).cue.text, 'said');
  }
  assert.equal(at(2).form, 'direct');
  assert.equal(at(2).source.entity, at(1).source.entity, 'Park is Lena Park');
  for (const i of [3, 5]) assert.equal(at(i)?.source ?? null, null, `sentence ${i} has no source`);
  assert.deepEqual(core.sources.slice(0, 2).map((x) => x.name), ['Lena Park', 'Omar Haddad']);

  // The page shows exactly what the core found.
  assert.deepEqual(await texts(page, '#text .sent'), want.sentences);
  assert.equal(await page.$$eval('#text p.para', (ps) => ps.length), core.stats.paragraphs);
  const classes = await page.$$eval('#text .sent', (els) => els.map((e) => e.className));
  classes.forEach((c, i) => assert.equal(c, `sent ${want.classes[i].join(' ')}`, `sentence ${i}`));
  // The border style (not colour alone) differs between direct quotation and paraphrase.
  const borders = await page.$$eval('#text .sent', (els) => els.map((e) => getComputedStyle(e).borderBottomStyle));
  const style = { 'f-direct': 'solid', 'f-indirect': 'dashed' };
  want.classes.forEach(([, f], i) => style[f] && assert.equal(borders[i], style[f], `border of sentence ${i}`));

  // Cue and source mention are marked inside each sentence.
  for (const [i, sent] of core.sentences.entries()) {
    const a = sent.attribution;
    assert.deepEqual(await texts(page, `#text .sent[data-i="${i}"] .m-cue`), a?.cue ? [a.cue.text] : [], `cue of ${i}`);
    const src = a?.source ? [LIBRARY.slice(a.source.start, a.source.end)] : [];
    assert.deepEqual((await texts(page, `#text .sent[data-i="${i}"] .m-source`)).join(''), src.join(''), `source of ${i}`);
  }

  assert.deepEqual(await texts(page, '#legend .legend-item'), want.legend);
  assert.deepEqual(await texts(page, '#shares li'), want.shares);
  assert.equal(
    (await page.textContent('#meta')).trim(),
    `${core.metadata.title ? `${core.metadata.title} — ` : ''}${want.metaCounts}`,
  );
  assert.deepEqual(await tableRows(page, '#sources'), want.sourceRows);

  const kw = await page.$$eval('#keywords tbody tr', (trs) =>
    trs.map((tr) => [tr.querySelector('.kw-name').textContent, ...[...tr.querySelectorAll('td.num')].map((c) => c.textContent)]));
  assert.deepEqual(kw, want.keywordRows.map((r) => r.cells));
  // Each keyword has a dispersion strip with one tick per occupied bin (short text: per occurrence).
  const ticks = await page.$$eval('#keywords tbody tr', (trs) => trs.map((tr) => tr.querySelectorAll('.strip .tick').length));
  assert.deepEqual(ticks, want.keywordRows.map((r) => new Set(r.spans.map((sp) => Math.min(199, Math.floor((sp.start / LIBRARY.length) * 200)))).size));

  await screenshot(page, 'library-light');
  await s.finish();
});

test('interaction: a source highlights exactly its sentences; details show cue and rule; keyboard; sorting; KWIC', async () => {
  const s = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = s;
  const core = await coreAnalyze(LIBRARY, {});
  await analyze(page, LIBRARY);
  const highlighted = () => page.$$eval('#text .sent.is-hl', (els) => els.map((e) => Number(e.dataset.i)));

  // Every source, from the table: exactly its sentences light up, and its keywords are listed.
  for (const src of core.sources) {
    await page.click(`#sources button.src-name[data-source="${src.id}"]`);
    assert.deepEqual(await highlighted(), src.sentences, `sentences of ${src.name}`);
    assert.equal(await page.$eval('#text', (e) => e.classList.contains('filtering')), true);
    assert.equal((await page.textContent('#source-keywords')).trim(), sourceKeywordsLine(core, src.id));
    await page.click(`#sources button.src-name[data-source="${src.id}"]`);
    assert.deepEqual(await highlighted(), []);
  }
  // From the legend too; pressing again clears.
  const omar = core.sources.find((x) => x.name === 'Omar Haddad');
  await page.click('#legend button.legend-item:has-text("Omar Haddad")');
  assert.deepEqual(await highlighted(), omar.sentences);
  await page.click('#legend button.legend-item:has-text("Omar Haddad")');
  assert.deepEqual(await highlighted(), []);

  // The detail panel of every sentence shows the core's cue, source, relay, quotes and rule.
  for (let i = 0; i < core.sentences.length; i += 1) await checkDetail(page, LIBRARY, core, i);
  // Hand-written: the quoted sentence is a direct quotation of Lena Park, cue "said".
  await page.click('#text .sent[data-i="2"]');
  const detail = await detailRows(page);
  assert.equal(detail.Cue, 'said');
  assert.match(detail.Source, /^Lena Park \(person\)/);
  assert.equal(detail.Form, 'Direct quotation');
  assert.equal(detail.Quotes, '"Every child deserves a quiet place to read,"');
  // An unattributed sentence says so.
  await page.click('#text .sent[data-i="3"]');
  assert.match(await page.textContent('#detail'), /None: the author’s own voice/);

  // Keyboard: arrows move between sentences and the details follow the focus.
  await page.focus('#text .sent[data-i="3"]');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.i), '4');
  assert.match(await page.textContent('#detail'), /Omar Haddad/);
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.i), '0');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.i), String(core.sentences.length - 1));
  // Only one sentence is a tab stop (roving tabindex).
  assert.equal(await page.$$eval('#text .sent[tabindex="0"]', (e) => e.length), 1);

  // Sorting the sources table by name, both ways.
  const names = core.sources.map((x) => x.name).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }));
  await page.click('#sources th[data-key="name"] button');
  assert.deepEqual((await tableRows(page, '#sources')).map((r) => r[0]), names);
  assert.equal(await page.$eval('#sources th[data-key="name"]', (th) => th.getAttribute('aria-sort')), 'ascending');
  await page.click('#sources th[data-key="name"] button');
  assert.deepEqual((await tableRows(page, '#sources')).map((r) => r[0]), names.slice().reverse());
  // Keywords by count: most first, then fewest first (ties keep the rank order).
  const kwName = async () => page.$$eval('#keywords .kw-name', (b) => b.map((x) => x.textContent));
  const top = core.keywords.top.map((k, n) => ({ ...k, n }));
  await page.click('#keywords th[data-key="count"] button');
  assert.deepEqual(await kwName(), top.slice().sort((a, b) => b.count - a.count || a.n - b.n).map((k) => k.text));
  await page.click('#keywords th[data-key="count"] button');
  assert.deepEqual(await kwName(), top.slice().sort((a, b) => a.count - b.count || a.n - b.n).map((k) => k.text));

  // KWIC for "library" (a term the core must find three times): each line has it in the middle.
  const library = core.keywords.terms.find((t) => t.text.toLowerCase() === 'library');
  assert.equal(library?.count, 3, 'library occurs three times');
  await page.click(`#keywords button.kw-name:text-is("${library.text}")`);
  const lines = await page.$$eval('#kwic .kwic-line', (ls) => ls.map((l) => [l.querySelector('.kl').textContent, l.querySelector('.kh').textContent, l.querySelector('.kr').textContent]));
  assert.deepEqual(lines.map((l) => l[1]), ['Library', 'library', 'library']);
  assert.ok(lines[1][0].endsWith('Lena Park said the new '));
  assert.ok(lines[2][2].startsWith(' roof would use'));
  // Sorted by the word after: "plans" < "roof" < "would".
  await page.selectOption('#kwic-sort', 'right');
  assert.deepEqual(await page.$$eval('#kwic .kr', (e) => e.map((r) => r.textContent.trim().split(' ')[0])), ['plans', 'roof', 'would']);
  await page.selectOption('#kwic-sort', 'position');
  // The keyword's occurrences are marked in the text view.
  assert.deepEqual(await texts(page, '#text .m-kw'), ['Library', 'library', 'library']);
  // A KWIC line selects its sentence.
  await page.click('#kwic .kwic-line >> nth=2');
  assert.equal(await page.$eval('#text .sent[aria-selected="true"]', (e) => e.dataset.i), '4');
  await s.finish();
});

test('demo article: analysed as you type, legend counts add up, light/dark/360px screenshots', async () => {
  const s = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await page.click('#demo');
  await waitForRun(page, '');
  const { DEMO_TEXT } = await import('../www/demo.js');
  const core = await coreAnalyze(DEMO_TEXT, {});
  const want = expectedViews(DEMO_TEXT, core);
  const n = await page.$$eval('#text .sent', (e) => e.length);
  assert.ok(n >= 15, `demo has ${n} sentences`);
  assert.deepEqual(await texts(page, '#text .sent'), want.sentences);
  assert.deepEqual(await texts(page, '#legend .legend-item'), want.legend);
  assert.deepEqual(await texts(page, '#shares li'), want.shares);
  assert.deepEqual(await tableRows(page, '#sources'), want.sourceRows);
  // The legend counts every sentence once.
  const counts = await page.$$eval('#legend .legend-item .count', (e) => e.map((c) => Number(c.textContent)));
  assert.equal(counts.reduce((a, b) => a + b, 0), n);
  assert.match(await page.textContent('#meta'), /Harbour town votes to rebuild its flooded ferry pier — by Tomasz Reyes — 2026-03-14/);
  // Every sentence's details match the core's attribution.
  for (let i = 0; i < n; i += 1) await checkDetail(page, DEMO_TEXT, core, i);
  // Hand-written facts about the demo: the mayor's quote, the relayed harbour master, the
  // author's own line.
  const find = (start) => core.sentences.findIndex((x) => DEMO_TEXT.slice(x.start, x.end).startsWith(start));
  const mayor = core.sentences[find('"We cannot keep asking')].attribution;
  assert.ok(mayor?.source?.text.includes('Ingrid Solberg') && mayor.cue.text === 'said' && mayor.form === 'direct');
  // "According to X, Y said …": Y is the source, X the relay.
  const according = core.sentences[find('According to the Alder Gazette')].attribution;
  assert.equal(according?.cue?.text, 'said');
  assert.ok(according.source.text.includes('Rosa Lindqvist'), according.source.text);
  assert.deepEqual(according.via.map((v) => v.text), ['the Alder Gazette']);
  assert.equal(core.sentences[find('Not everyone is convinced.')].attribution, null);
  // Relays are marked in the text and named in the details.
  const relays = core.sentences.flatMap((x, i) => (x.attribution && x.attribution.via.length ? [i] : []));
  assert.deepEqual(await page.$$eval('#text .sent:has(.m-via)', (e) => e.map((x) => Number(x.dataset.i))), relays);
  assert.ok(relays.length > 0, 'the demo has a relay');
  // The picture (also the README's) shows the details of the mayor's quote.
  await page.click(`#text .sent[data-i="${find('"We cannot keep asking')}"]`);
  // The README's picture: the page as a reader sees it first, side column in its own scroll.
  await screenshot(page, 'demo-readme', { expandSide: false });
  await screenshot(page, 'demo-light');

  // Typing re-analyses after a pause, without pressing Analyze.
  const run = await page.$eval('#status', (e) => e.dataset.run);
  await page.focus('#input');
  await page.keyboard.press('End');
  await page.keyboard.type('\n\nTanya Bell said the ferry was late.', { delay: 5 });
  await waitForRun(page, run);
  assert.deepEqual(await texts(page, '#text .sent'), [...want.sentences, 'Tanya Bell said the ferry was late.']);
  assert.deepEqual(await texts(page, '#legend .legend-item'), expectedViews(`${DEMO_TEXT}\n\nTanya Bell said the ferry was late.`, await coreAnalyze(`${DEMO_TEXT}\n\nTanya Bell said the ferry was late.`, {})).legend);

  // Dark theme by the toggle, then by the system setting.
  await page.click('#theme'); // auto → light
  await page.click('#theme'); // light → dark
  assert.equal(await page.$eval('html', (e) => e.dataset.theme), 'dark');
  const bg = await page.$eval('body', (e) => getComputedStyle(e).backgroundColor);
  assert.equal(bg, 'rgb(21, 22, 26)');
  await screenshot(page, 'demo-dark');
  await s.finish();

  const d = await open({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  assert.equal(await d.page.$eval('body', (e) => getComputedStyle(e).backgroundColor), 'rgb(21, 22, 26)');
  await d.finish();

  // From 1100 px (two columns) up, the tables fit their panels without a sideways scroll.
  for (const width of [1100, 1280, 1920]) {
    const w = await open({ viewport: { width, height: 900 } });
    await w.page.click('#demo');
    await waitForRun(w.page, '');
    const wraps = await w.page.$$eval('.table-wrap', (es) => es.map((e) => e.scrollWidth - e.clientWidth));
    assert.deepEqual(wraps, [0, 0], `tables overflow at ${width}px`);
    await w.finish();
  }

  // 360 px wide: nothing overflows sideways.
  const m = await open({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  await m.page.click('#demo');
  await waitForRun(m.page, '');
  const overflow = await m.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page is ${overflow}px wide at 360px`);
  await screenshot(m.page, 'demo-360');
  await m.finish();
});

test('a panic in the core is reported and the next analysis works', async () => {
  const s = await open();
  const { page } = s;
  const worker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  // Sends the worker's own test hook as if the page had asked for it.
  await worker.evaluate(() => self.dispatchEvent(new MessageEvent('message', { data: { type: 'debug-panic', id: -1 } })));
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'error');
  assert.match(await page.textContent('#status'), /crashed.*debugPanic was called.*restarted/s);
  await analyze(page, LIBRARY);
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');
  assert.equal(await page.$$eval('#text .sent', (e) => e.length), 6);
  await s.finish();
});

test('Clear empties every view; an empty text analyses without error', async () => {
  const s = await open();
  const { page } = s;
  await analyze(page, LIBRARY);
  await page.click('#clear');
  assert.equal(await page.inputValue('#input'), '');
  assert.equal(await page.$$eval('#text .sent', (e) => e.length), 0);
  assert.equal(await page.$$eval('#sources tbody tr:not(.empty-row)', (e) => e.length), 0);
  assert.equal(await page.$eval('#export-json', (e) => e.disabled), true);
  // Empty text analyses to nothing, without error.
  await analyze(page, '');
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');
  await s.finish();
});

test('files: HTML is reduced to text without running it; invalid UTF-8 gets a notice', async () => {
  const s = await open();
  const { page } = s;
  const dir = join(tmpdir(), `whosaid-e2e-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const html = join(dir, 'story.html');
  writeFileSync(html, '<!doctype html><title>T</title><script>top.__fileXss = 1</script><style>p{}</style>' +
    '<h1>Library plans approved</h1><p>Lena Park said the new library would open in June.<img src=x onerror="top.__fileXss=2"></p>' +
    '<p>Construction begins next week.</p>');
  await page.setInputFiles('#file', html);
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done');
  assert.equal(await page.inputValue('#input'), 'Library plans approved\n\nLena Park said the new library would open in June.\n\nConstruction begins next week.');
  assert.match(await page.textContent('#notice'), /is HTML: only its text was kept/);
  assert.equal(await page.evaluate(() => window.__fileXss), undefined);

  const bad = join(dir, 'latin1.txt');
  writeFileSync(bad, Buffer.concat([Buffer.from('Jos'), Buffer.from([0xe9]), Buffer.from(' Luis said the caf'), Buffer.from([0xe9, 0x20, 0xff]), Buffer.from('was open.')]));
  const run = await page.$eval('#status', (e) => e.dataset.run);
  await page.setInputFiles('#file', bad);
  await waitForRun(page, run);
  assert.equal(await page.inputValue('#input'), 'Jos\uFFFD Luis said the caf\uFFFD \uFFFDwas open.');
  assert.match(await page.textContent('#notice'), /not valid UTF-8/);

  // Drag and drop of a text file onto the page.
  const run2 = await page.$eval('#status', (e) => e.dataset.run);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['Omar Haddad said the roof would use recycled steel.'], 'drop.txt', { type: 'text/plain' }));
    return d;
  });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await waitForRun(page, run2);
  assert.deepEqual(await texts(page, '#sources tbody th'), ['Omar Haddad']);
  await s.finish();
});

test('exports: JSON is the full result; CSV tables are neutralised against formulas', async () => {
  const s = await open();
  const { page } = s;
  const text = `${LIBRARY}\n\n=HYPERLINK("http://example.invalid") is what Omar Haddad typed, he said.`;
  await analyze(page, text);

  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.equal(json.suggestedFilename(), 'whosaid-library-plans-approved.json');
  const result = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.sentences.length, 7);
  assert.equal(result.sources[0].name, 'Lena Park');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-sentences')]);
  const lines = readFileSync(await csv.path(), 'utf8').split('\r\n');
  assert.equal(lines[0], 'index,paragraph,start,end,text,form,source,source_kind,relay,cue,continued,rule');
  // Sentence 1 (no comma or quote in it, so no CSV quoting) as the core sees it.
  const core = await coreAnalyze(text, {});
  const [one, a] = [core.sentences[1], core.sentences[1].attribution];
  const named = (m) => (m.entity !== null ? core.sources[m.entity].name : m.text);
  assert.equal(lines[2], [1, one.paragraph, one.start, one.end, text.slice(one.start, one.end), a.form, named(a.source), a.source.kind,
    a.via.map(named).join(' > '), a.cue.text, a.continued, a.rule].join(','));
  assert.ok(lines[2].startsWith('1,1,24,74,Lena Park said the new library would open in June.,indirect,Lena Park,person,'));
  const formula = lines.find((l) => l.includes('HYPERLINK'));
  assert.match(formula, /^6,3,\d+,\d+,"'=HYPERLINK\(""http:\/\/example\.invalid""\)/);

  const [src] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-sources')]);
  const srcLines = readFileSync(await src.path(), 'utf8').split('\r\n');
  assert.equal(srcLines[0], 'id,name,kind,mentions,sentences,direct_quotes,share,descriptors');
  const lena = core.sources[0];
  assert.ok(srcLines[1].startsWith(`0,${lena.name},${lena.kind},${lena.mentions},${lena.sentences.length},${lena.directQuotes},${lena.share},`), srcLines[1]);
  assert.equal(lena.name, 'Lena Park');

  const [kw] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-keywords')]);
  const kwLines = readFileSync(await kw.path(), 'utf8').split('\r\n');
  assert.match(kwLines[0], /^keyword,kind,count,per_thousand,sentences/);
  const first = core.keywords.terms[0];
  assert.ok(kwLines[1].startsWith(`${first.text},term,${first.count},${first.perThousand},${first.sentences},`), kwLines[1]);
  assert.equal(kwLines.length, 1 + core.keywords.terms.length + core.keywords.phrases.length + 1);
  await s.finish();
});

test('share link: text and stopwords round-trip through the URL fragment only', async () => {
  const s = await open();
  const { page } = s;
  await page.fill('#input', LIBRARY);
  await page.click('#more summary');
  await page.fill('#stopwords', 'library, June');
  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-url').value !== '');
  const link = await page.inputValue('#share-url');
  assert.ok(link.startsWith(`${env.server.url}#v1=`), link);
  assert.ok(!link.slice(env.server.url.length).includes('Lena'), 'the text is compressed, not plain');
  await s.finish();

  // A fresh page (new context, nothing shared) opened on the link shows the same analysis.
  const t = await open();
  const before = t.requests.length;
  await t.page.goto(link);
  await t.page.waitForFunction(() => document.getElementById('status').dataset.state === 'done');
  assert.equal(await t.page.inputValue('#input'), LIBRARY);
  assert.equal(await t.page.inputValue('#stopwords'), 'library June');
  assert.match(await t.page.textContent('#notice'), /came from the link itself/);
  const kw = await t.page.$$eval('#keywords .kw-name', (b) => b.map((x) => x.textContent));
  const core = await coreAnalyze(LIBRARY, { stopwords: ['library', 'June'] });
  assert.deepEqual(kw, core.keywords.top.map((k) => k.text));
  assert.ok(!kw.includes('library') && !kw.includes('June'), 'custom stopwords applied');
  assert.notDeepEqual(kw, (await coreAnalyze(LIBRARY, {})).keywords.top.map((k) => k.text));
  // The fragment never reaches the server: requests carry no "#".
  assert.ok(t.requests.slice(before).every((u) => !u.includes('#')));
  // A broken link says so instead of failing silently.
  await t.page.goto(`${env.server.url}#v1=not-deflate`);
  await t.page.waitForFunction(() => !document.getElementById('notice').hidden);
  assert.match(await t.page.textContent('#notice'), /could not be read/);
  await t.finish();
});

test('big input: 10 MB completes with visible progress while the page stays responsive', async () => {
  const s = await open();
  const { page } = s;
  // About 10 MB of varied paragraphs written for this test.
  await page.evaluate(() => {
    const names = ['Lena Park', 'Omar Haddad', 'Ines Varga', 'Tom Bright'];
    const parts = [];
    let size = 0;
    for (let i = 0; size < 10_000_000; i += 1) {
      const p = `${names[i % 4]} said plan ${i} would cost ${i % 97} million. "We will see," she added. Critics say the roads need work first.\n\n`;
      parts.push(p);
      size += p.length;
    }
    const input = document.getElementById('input');
    input.value = parts.join('');
  });
  // The observer starts once the text is laid out: the task that fills the text area is the
  // test's set-up, not the page's work (Chromium 148 lays out 10 MB in about 3 s).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const started = Date.now();
  await page.click('#analyze');
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'busy');
  // While the worker runs, the page answers: timers fire on time (median of several samples, so
  // a busy test machine does not decide) and the theme toggle works.
  const lags = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 9; i += 1) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 50));
      out.push(performance.now() - t0 - 50);
    }
    return out.sort((a, b) => a - b);
  });
  assert.ok(lags[4] < 100, `main thread lagged ${lags.map(Math.round).join(', ')} ms during the analysis`);
  await page.click('#theme');
  assert.equal(await page.$eval('html', (e) => e.dataset.theme), 'light');
  await page.waitForFunction(() => !document.getElementById('cancel').hidden);
  await page.waitForFunction(() => /Analysing 10\.0 million characters… \d+ s/.test(document.getElementById('status').textContent), null, { timeout: 30000 }).catch(() => {
    // A fast machine may finish before the first elapsed-time tick; done is checked below.
  });
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done', null, { timeout: 120000 });
  const sentences = await page.$eval('#status', (e) => Number(e.textContent.match(/Analysed ([\d,]+)/)[1].replace(/,/g, '')));
  assert.ok(sentences > 200000, `${sentences} sentences`);
  // No long freeze at any point: the worker keeps the full result and sends the page a view.
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.ok(Math.max(0, ...longTasks) < 1500, `long tasks: ${longTasks.join(', ')} ms`);
  // The legend still counts every sentence, though only a view of them was sent.
  const counts = await page.$$eval('#legend .legend-item .count', (e) => e.map((c) => Number(c.textContent)));
  assert.equal(counts.reduce((a, b) => a + b, 0), sentences);
  // The text view draws a capped number of sentences and says so.
  assert.match(await page.textContent('#text .cap-note'), /more sentences are not drawn/);
  console.log(`# 10 MB analysed and shown in ${Date.now() - started} ms; ${await page.textContent("#status")}`);
  await s.finish();
});

/**
 * Holds back the page's next analysis request to its worker for three seconds. The Cancel button
 * appears after 400 ms, and a fast machine analyses 10 MB in about that time, so without the hold
 * the run could end before the button is there to click.
 */
async function holdAnalysis(page) {
  await page.evaluate(() => {
    const send = Worker.prototype.postMessage;
    window.__send = send;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message && message.type === 'analyze') {
        setTimeout(() => send.call(this, message, ...rest), 3000);
        return undefined;
      }
      return send.call(this, message, ...rest);
    };
  });
}

/** Undoes {@link holdAnalysis}. */
async function releaseAnalysis(page) {
  await page.evaluate(() => {
    Worker.prototype.postMessage = window.__send;
  });
}

test('big input: Cancel stops a long analysis and the page can analyse again', async () => {
  const s = await open();
  const { page } = s;
  await page.evaluate(() => {
    document.getElementById('input').value = 'Lena Park said the plan would work. '.repeat(300000);
  });
  await holdAnalysis(page);
  await page.click('#analyze');
  await page.waitForFunction(() => !document.getElementById('cancel').hidden);
  await page.click('#cancel');
  await releaseAnalysis(page);
  assert.match(await page.textContent('#status'), /cancelled/);
  const t0 = Date.now();
  await analyze(page, LIBRARY);
  console.log(`# after Cancel, the next analysis took ${Date.now() - t0} ms`);
  assert.equal(await page.$$eval('#text .sent', (e) => e.length), 6);
  await s.finish();
});

test('big input: the JSON export is the whole result, also after a cancelled run replaced the worker', async () => {
  const s = await open();
  const { page } = s;
  // More sentences than the page is sent (VIEW_SENTENCES), so the page holds only a view.
  const text = 'Lena Park said the plan would work. '.repeat(4500);
  await analyze(page, text);
  assert.match(await page.textContent('#text .cap-note'), /more sentences are not drawn/);
  const exported = async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    return JSON.parse(readFileSync(await json.path(), 'utf8'));
  };
  const check = (result) => {
    assert.equal(result.sentences.length, 4500);
    assert.equal(result.view, undefined);
    const plan = result.keywords.terms.find((t) => t.text === 'plan');
    assert.equal(plan.spans.length, plan.count);
  };
  check(await exported());
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');
  // A longer run, cancelled: the worker that kept the whole result is gone, and the page still
  // shows the first result, so the export runs that analysis again.
  await page.evaluate(() => {
    document.getElementById('input').value = 'Omar Haddad said the road would close. '.repeat(300000);
  });
  await holdAnalysis(page);
  await page.click('#analyze');
  await page.waitForFunction(() => !document.getElementById('cancel').hidden);
  await page.click('#cancel');
  await releaseAnalysis(page);
  check(await exported());
  await s.finish();
});

test('big input: KWIC lines, the dispersion strip and the text marks use every occurrence', async () => {
  const s = await open();
  const { page } = s;
  // More sentences than the page is sent, and "plan" more often than the 2,000 spans per keyword
  // the page used to get: 2,200 times early on, 300 times at the very end.
  const text = [
    'Lena Park said the plan would work. '.repeat(2200),
    'Rain fell on the quay. '.repeat(3000),
    'Omar Haddad said the plan was late. '.repeat(300),
  ].join('');
  const core = await coreAnalyze(text, {});
  const plan = core.keywords.terms.find((t) => t.text === 'plan');
  assert.equal(plan.count, 2500);
  assert.ok(core.keywords.top.some((k) => k.kind === 'term' && k.text === 'plan'), 'plan is a top keyword');
  await analyze(page, text);
  assert.match(await page.textContent('#text .cap-note'), /more sentences are not drawn/);
  // The strip has a tick in every bin of every occurrence, and counts them all.
  const row = '#keywords tbody tr:has(button.kw-name:text-is("plan"))';
  const bins = new Set(plan.spans.map((sp) => Math.min(199, Math.floor((sp.start / text.length) * 200))));
  assert.equal(await page.$$eval(`${row} .strip .tick`, (t) => t.length), bins.size);
  assert.equal(await page.$eval(`${row} .strip`, (e) => e.getAttribute('aria-label')), '2500 occurrences across the text');
  await page.click(`${row} button.kw-name`);
  // At most 500 lines, out of all occurrences.
  assert.equal(await page.$$eval('#kwic .kwic-line', (l) => l.length), 500);
  assert.equal(await page.textContent('#kwic .note'), 'First 500 of 2500 lines.');
  // Sorted by the word after, all 300 "plan was" lines from the end of the text come first.
  await page.selectOption('#kwic-sort', 'right');
  const after = await page.$$eval('#kwic .kr', (e) => e.map((r) => r.textContent.trim().split(' ')[0]));
  assert.deepEqual([after.slice(0, 300).every((w) => w === 'was'), after[300]], [true, 'would']);
  assert.equal(Number(await page.$eval('#kwic .kwic-line', (b) => b.dataset.start)), plan.spans[2200].start);
  // Every occurrence inside the drawn sentences is marked in the text view.
  const drawn = await page.$$eval('#text .sent', (e) => e.length);
  const marked = plan.spanSentences.filter((i) => i < drawn).length;
  assert.equal(await page.$$eval('#text .m-kw', (m) => m.length), marked);
  assert.equal(marked, 2200);
  await s.finish();
});

test('loading state, then a readable error when the analyser cannot load', async () => {
  const context = await env.browser.newContext();
  await context.route('**/whosaid_bg.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'error', null, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /The analyser could not start/);
  await context.close();
});
