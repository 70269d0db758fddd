// End-to-end tests of the page in headless Chromium: analysis shown, interaction, themes and
// small screens, crash recovery, files, exports, and that the page stays offline and CSP-clean.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, openPage, analyze, screenshot, cleanliness, waitForRun } from './helpers.mjs';

// A text written for this test. Its expected values are what a reader would say.
const LIBRARY = [
  'Library plans approved',
  'Lena Park said the new library would open in June. "Every child deserves a quiet place to read," Park said. The building will have three floors.',
  'Omar Haddad said the library roof would use recycled steel. Construction begins next week.',
].join('\n\n');

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Opens the page and returns helpers; `finish()` asserts the page stayed clean. */
async function open(options) {
  const session = await openPage(browser, server.url, options);
  session.finish = async () => {
    const { problems, csp, foreign } = await cleanliness(session.page, session.problems, session.requests, server.url);
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

test('analysis: sentences, legend, summary, sources and keywords show the expected values', async () => {
  const s = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await analyze(page, LIBRARY);
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');

  assert.deepEqual(await texts(page, '#text .sent'), [
    'Library plans approved',
    'Lena Park said the new library would open in June.',
    '"Every child deserves a quiet place to read," Park said.',
    'The building will have three floors.',
    'Omar Haddad said the library roof would use recycled steel.',
    'Construction begins next week.',
  ]);
  // Paragraphs are kept: headline, then two body paragraphs.
  assert.equal(await page.$$eval('#text p.para', (ps) => ps.length), 3);

  // Colour classes follow the source; unattributed sentences are plain; borders give the form.
  const classes = await page.$$eval('#text .sent', (els) => els.map((e) => e.className));
  assert.match(classes[1], /\bc0\b.*\bf-indirect\b/);
  assert.match(classes[2], /\bc0\b.*\bf-direct\b/);
  assert.match(classes[4], /\bc1\b.*\bf-indirect\b/);
  for (const i of [0, 3, 5]) assert.match(classes[i], /\bc-none\b.*\bf-none\b/);
  // The border style (not colour alone) differs between direct and paraphrase.
  const borders = await page.$$eval('#text .sent', (els) => els.map((e) => getComputedStyle(e).borderBottomStyle));
  assert.equal(borders[1], 'dashed');
  assert.equal(borders[2], 'solid');

  // Cue and source mention are marked inside the sentence.
  assert.deepEqual(await texts(page, '#text .sent[data-i="1"] .m-cue'), ['said']);
  assert.deepEqual(await texts(page, '#text .sent[data-i="4"] .m-source'), ['Omar Haddad']);

  assert.deepEqual(await texts(page, '#legend .legend-item'), [
    'Lena Park 2',
    'Omar Haddad 1',
    'Vague source 0',
    'Not attributed 3',
  ]);
  assert.deepEqual(await texts(page, '#shares li'), [
    'Attributed to a source: 63.9 %',
    'Vague source: 0.0 %',
    'Not attributed: 36.1 %',
  ]);
  assert.match(await page.textContent('#meta'), /Library plans approved — 43 words · 6 sentences · 3 paragraphs · 2 sources/);

  assert.deepEqual(await tableRows(page, '#sources'), [
    ['Lena Park', 'person', '2', '2', '1', '40.7 %'],
    ['Omar Haddad', 'person', '1', '1', '0', '23.1 %'],
  ]);
  const kw = await tableRows(page, '#keywords');
  assert.deepEqual(kw[0].slice(0, 4), ['library', '3', '69.8', '3']);
  assert.deepEqual(kw[1].slice(0, 4), ['Park', '2', '46.5', '2']);
  // Each keyword has a dispersion strip with one tick per occurrence.
  assert.equal(await page.$$eval('#keywords tbody tr:first-child .strip .tick', (t) => t.length), 3);

  await screenshot(page, 'library-light');
  await s.finish();
});

test('interaction: a source highlights exactly its sentences; details show cue and rule; keyboard; sorting; KWIC', async () => {
  const s = await open({ viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await analyze(page, LIBRARY);

  await page.click('#sources button.src-name:text-is("Lena Park")');
  assert.deepEqual(await page.$$eval('#text .sent.is-hl', (els) => els.map((e) => Number(e.dataset.i))), [1, 2]);
  assert.equal(await page.$eval('#text', (e) => e.classList.contains('filtering')), true);
  assert.match(await page.textContent('#source-keywords'), /^Lena Park: Park \(2\), library \(1\), June \(1\)/);
  // From the legend too; pressing again clears.
  await page.click('#legend button.legend-item:has-text("Omar Haddad")');
  assert.deepEqual(await page.$$eval('#text .sent.is-hl', (els) => els.map((e) => Number(e.dataset.i))), [4]);
  await page.click('#legend button.legend-item:has-text("Omar Haddad")');
  assert.equal(await page.$$eval('#text .sent.is-hl', (els) => els.length), 0);

  // Details of a quoted sentence.
  await page.click('#text .sent[data-i="2"]');
  const detail = await page.$$eval('#detail dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  assert.equal(detail.Cue, 'said');
  assert.match(detail.Source, /^Lena Park \(person\)/);
  assert.equal(detail.Form, 'Direct quotation');
  assert.equal(detail.Quotes, '"Every child deserves a quiet place to read,"');
  assert.equal(detail.Relay, 'none');
  assert.match(detail.Why, /A source is named before a reporting word.*source-cue$/);
  assert.equal(await page.$eval('#text .sent[data-i="2"]', (e) => e.getAttribute('aria-selected')), 'true');

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
  assert.equal(await page.evaluate(() => document.activeElement.dataset.i), '5');
  // Only one sentence is a tab stop (roving tabindex).
  assert.equal(await page.$$eval('#text .sent[tabindex="0"]', (e) => e.length), 1);

  // Sorting the sources table by name, both ways.
  await page.click('#sources th[data-key="name"] button');
  assert.deepEqual((await tableRows(page, '#sources')).map((r) => r[0]), ['Lena Park', 'Omar Haddad']);
  assert.equal(await page.$eval('#sources th[data-key="name"]', (th) => th.getAttribute('aria-sort')), 'ascending');
  await page.click('#sources th[data-key="name"] button');
  assert.deepEqual((await tableRows(page, '#sources')).map((r) => r[0]), ['Omar Haddad', 'Lena Park']);
  // Keywords by count, ascending after two clicks.
  await page.click('#keywords th[data-key="count"] button');
  assert.equal((await tableRows(page, '#keywords'))[0][0], 'library');
  await page.click('#keywords th[data-key="count"] button');
  assert.equal((await tableRows(page, '#keywords')).at(-1)[0], 'library');

  // KWIC for "library": three lines, each with the keyword in the middle.
  await page.click('#keywords button.kw-name:text-is("library")');
  const lines = await page.$$eval('#kwic .kwic-line', (ls) => ls.map((l) => [l.querySelector('.kl').textContent, l.querySelector('.kh').textContent, l.querySelector('.kr').textContent]));
  assert.equal(lines.length, 3);
  assert.deepEqual(lines.map((l) => l[1]), ['Library', 'library', 'library']);
  assert.ok(lines[1][0].endsWith('Lena Park said the new '));
  assert.ok(lines[2][2].startsWith(' roof would use'));
  // Sorted by the word after: "roof" < "would".
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
  const n = await page.$$eval('#text .sent', (e) => e.length);
  assert.ok(n >= 15, `demo has ${n} sentences`);
  const counts = await page.$$eval('#legend .legend-item .count', (e) => e.map((c) => Number(c.textContent)));
  const coloured = await page.$$eval('#text .sent:not(.c-other)', (e) => e.length);
  assert.equal(counts.reduce((a, b) => a + b, 0), coloured + (await page.$$eval('#text .sent.c-other', (e) => e.length)));
  assert.match(await page.textContent('#meta'), /Harbour town votes to rebuild its flooded ferry pier — by Tomasz Reyes — 2026-03-14/);
  // The relay sentence shows its relay in the details.
  const relay = await page.$('#text .sent:has(.m-via)');
  assert.ok(relay, 'the demo has a sentence with a relay');
  await relay.click();
  assert.match(await page.textContent('#detail'), /Relay.*Alder Gazette/);
  await screenshot(page, 'demo-light');

  // Typing re-analyses after a pause, without pressing Analyze.
  const run = await page.$eval('#status', (e) => e.dataset.run);
  await page.focus('#input');
  await page.keyboard.press('End');
  await page.keyboard.type('\n\nTanya Bell said the ferry was late.', { delay: 5 });
  await waitForRun(page, run);
  assert.equal(await page.$$eval('#text .sent', (e) => e.length), n + 1);

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
  assert.equal(lines[2], '1,1,24,74,Lena Park said the new library would open in June.,indirect,Lena Park,person,,said,false,source-cue');
  const formula = lines.find((l) => l.includes('HYPERLINK'));
  assert.match(formula, /^6,3,\d+,\d+,"'=HYPERLINK\(""http:\/\/example\.invalid""\)/);

  const [src] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-sources')]);
  const srcLines = readFileSync(await src.path(), 'utf8').split('\r\n');
  assert.equal(srcLines[0], 'id,name,kind,mentions,sentences,direct_quotes,share,descriptors');
  assert.match(srcLines[1], /^0,Lena Park,person,2,2,1,0\.\d+,/);

  const [kw] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-keywords')]);
  const kwLines = readFileSync(await kw.path(), 'utf8').split('\r\n');
  assert.match(kwLines[0], /^keyword,kind,count,per_thousand,sentences/);
  assert.match(kwLines[1], /^library,term,3,/);
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
  assert.ok(link.startsWith(`${server.url}#v1=`), link);
  assert.ok(!link.slice(server.url.length).includes('Lena'), 'the text is compressed, not plain');
  await s.finish();

  // A fresh page (new context, nothing shared) opened on the link shows the same analysis.
  const t = await open();
  const before = t.requests.length;
  await t.page.goto(link);
  await t.page.waitForFunction(() => document.getElementById('status').dataset.state === 'done');
  assert.equal(await t.page.inputValue('#input'), LIBRARY);
  assert.equal(await t.page.inputValue('#stopwords'), 'library June');
  assert.match(await t.page.textContent('#notice'), /came from the link itself/);
  const kw = (await tableRows(t.page, '#keywords')).map((r) => r[0]);
  assert.equal(kw[0], 'Park');
  assert.ok(!kw.includes('library') && !kw.includes('June'), 'custom stopwords applied');
  // The fragment never reaches the server: requests carry no "#".
  assert.ok(t.requests.slice(before).every((u) => !u.includes('#')));
  // A broken link says so instead of failing silently.
  await t.page.goto(`${server.url}#v1=not-deflate`);
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

test('big input: Cancel stops a long analysis and the page can analyse again', async () => {
  const s = await open();
  const { page } = s;
  await page.evaluate(() => {
    document.getElementById('input').value = 'Lena Park said the plan would work. '.repeat(300000);
  });
  await page.click('#analyze');
  await page.waitForFunction(() => !document.getElementById('cancel').hidden);
  await page.click('#cancel');
  assert.match(await page.textContent('#status'), /cancelled/);
  const t0 = Date.now();
  await analyze(page, LIBRARY);
  console.log(`# after Cancel, the next analysis took ${Date.now() - t0} ms`);
  assert.equal(await page.$$eval('#text .sent', (e) => e.length), 6);
  await s.finish();
});

test('loading state, then a readable error when the analyser cannot load', async () => {
  const context = await browser.newContext();
  await context.route('**/whosaid_bg.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'error', null, { timeout: 15000 });
  assert.match(await page.textContent('#status'), /The analyser could not start/);
  await context.close();
});
