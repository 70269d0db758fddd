// XSS: hostile text, pasted or opened as a file, must show as text and never run or create
// elements. Every payload tries to set a sentinel (`top.__xss`); none may succeed, the text view
// may only hold the page's own <p>/<span> elements, and the CSP must never have had to block
// anything (a block would mean markup got as far as the DOM).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openPage, analyze, cleanliness, waitForRun, serveAndLaunch } from './helpers.mjs';

/** Payloads written for this test; each would set top.__xss = N if it ever ran. */
export const PAYLOADS = [
  '<img src=x onerror="top.__xss=1">',
  '<script>top.__xss=2</script>',
  '<svg onload="top.__xss=3">',
  '<svg><script>top.__xss=4</script></svg>',
  '<a href="javascript:top.__xss=5">read more</a>',
  'javascript:top.__xss=6',
  '<iframe src="javascript:top.__xss=7"></iframe>',
  '<iframe srcdoc="<script>top.__xss=8</script>"></iframe>',
  '<body onload=top.__xss=9>',
  '<details open ontoggle=top.__xss=10>',
  '<video><source onerror="top.__xss=11"></video>',
  '<audio src=x onerror=top.__xss=12>',
  '<input autofocus onfocus=top.__xss=13>',
  '<marquee onstart=top.__xss=14>scroll</marquee>',
  '<object data="javascript:top.__xss=15"></object>',
  '<embed src="javascript:top.__xss=16">',
  '<math><mtext><table><mglyph><style><img src=x onerror=top.__xss=17>',
  '"><img src=x onerror=top.__xss=18>',
  "'><script>top.__xss=19</script>",
  '&lt;img src=x onerror=top.__xss=20&gt;',
  '&#60;script&#62;top.__xss=21&#60;/script&#62;',
  '<img src="x" onerror="&#116;op.__xss=22">',
  '<scr<script>ipt>top.__xss=23</scr</script>ipt>',
  '<IMG SRC=x OnErRoR=top.__xss=24>',
  '<img/src=x/onerror=top.__xss=25>',
  '<svg><animate onbegin=top.__xss=26 attributeName=x dur=1s>',
  '<form action="javascript:top.__xss=27"><button>send</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:top.__xss=28">',
  '<link rel=import href="data:text/html,<script>top.__xss=29</script>">',
  "<style>@import 'javascript:top.__xss=30';</style>",
  '<div style="background:url(javascript:top.__xss=31)">box</div>',
  '<template><img src=x onerror=top.__xss=32></template>',
  '<noscript><p title="</noscript><img src=x onerror=top.__xss=33>">',
  '<base href="javascript:top.__xss=34//">',
  'data:text/html,<script>top.__xss=35</script>',
  '<a href="&#106;avascript:top.__xss=36">link</a>',
  '\\u003cimg src=x onerror=top.__xss=37\\u003e',
  '${top.__xss=38}',
  "{{constructor.constructor('top.__xss=39')()}}",
  '<select autofocus onfocus=top.__xss=40></select>',
  '<textarea autofocus onfocus=top.__xss=41></textarea>',
  '</textarea><script>top.__xss=42</script>',
  '<x contenteditable onblur=top.__xss=43>lose focus</x>',
  '<svg><a xlink:href="javascript:top.__xss=44"><text x=20 y=20>tap</text></a></svg>',
  '<!--<img src="--><img src=x onerror=top.__xss=45//">',
  '<img src="x" onerror="eval(\'top.__xss=46\')">',
  '"onmouseover="top.__xss=47',
  "<style>*{background:url('//example.invalid/leak')}</style>",
  '<img srcset="//example.invalid/a.png 1x">',
  '<object data="data:text/html;base64,PHNjcmlwdD50b3AuX194c3M9NTA8L3NjcmlwdD4="></object>',
  '<svg><set attributeName="onmouseover" to="top.__xss=51"/></svg>',
  '<isindex action=javascript:top.__xss=52 type=image>',
];

/** A news-like text with every payload in a quote, a source name, a relay and plain prose. */
export function hostileArticle() {
  const paras = ['Payload test edition <b>bold</b>', 'By <i>Mallory</i>, 2026-01-01'];
  PAYLOADS.forEach((p, i) => {
    const shape = i % 4;
    if (shape === 0) paras.push(`"${p} is harmless," said Ana Ruiz. The payload number ${i} stays text.`);
    else if (shape === 1) paras.push(`According to ${p}, Ben Ode said the test ${i} passes.`);
    else if (shape === 2) paras.push(`${p} said the page would stay calm. Analysts say ${p} is old news.`);
    else paras.push(`The note read ${p} and nothing else. Carla Diaz told reporters ${p} was pasted.`);
  });
  return paras.join('\n\n');
}

const env = serveAndLaunch();

/** Everything the test checks after hostile text was shown and clicked through. */
async function assertInert(page) {
  await page.waitForTimeout(300); // any delayed handler (onerror of a failed load) would have run
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload ran');
  const stray = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('#text *')) {
      if (!(el.tagName === 'SPAN' || (el.tagName === 'P' && el.classList.contains('para')))) bad.push(el.tagName);
    }
    for (const el of document.querySelectorAll('img, iframe, object, embed, video, audio, form, base, meta[http-equiv]:not([http-equiv="Content-Security-Policy"]), link:not([rel="stylesheet"]):not([rel="icon"]), style, template, noscript, marquee, details:not(#more), math, input:not(#file):not(#share-url), select:not(#kwic-sort), x, a[href]')) {
      if (!el.closest('.skip')) bad.push(`stray ${el.tagName}`);
    }
    for (const el of document.querySelectorAll('script')) if (el.getAttribute('src') !== 'main.js') bad.push('SCRIPT');
    for (const el of document.querySelectorAll('svg')) if (!el.classList.contains('strip')) bad.push('SVG');
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        // Text in a title attribute is inert; URLs and handlers are not.
        if (/^on/i.test(a.name) || (/^(href|src|action|formaction|data|xlink:href|srcdoc)$/i.test(a.name) && /javascript:/i.test(a.value))) bad.push(`${el.tagName}[${a.name}]`);
      }
    }
    return bad;
  });
  assert.deepEqual(stray, [], 'elements or attributes created from the text');
}

test('pasted payloads show as text and never run', async () => {
  const s = await openPage(env.browser, env.server.url, { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const text = hostileArticle();
  await analyze(page, text);
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');
  // The text view shows the text exactly (modulo the spacing between paragraphs).
  const shown = await page.$eval('#text', (e) => e.textContent);
  for (const p of PAYLOADS) assert.ok(shown.includes(p), `payload shown as text: ${p}`);
  assert.ok(PAYLOADS.length >= 40);

  // Walk every view that prints user text: each sentence's details, each source, each keyword.
  const n = await page.$$eval('#text .sent', (e) => e.length);
  for (let i = 0; i < n; i += 1) await page.click(`#text .sent[data-i="${i}"]`);
  const sources = await page.$$eval('#sources button.src-name', (b) => b.length);
  for (let i = 0; i < sources; i += 1) await page.click(`#sources button.src-name >> nth=${i}`);
  const keywords = await page.$$eval('#keywords button.kw-name', (b) => b.length);
  for (let i = 0; i < Math.min(keywords, 30); i += 1) await page.click(`#keywords button.kw-name >> nth=${i}`);
  await assertInert(page);
  assert.equal(dialogs, 0);
  const { problems, csp, foreign } = await cleanliness(page, s.problems, s.requests, env.server.url);
  assert.deepEqual(problems, []);
  assert.deepEqual(csp, []);
  assert.deepEqual(foreign, []);

  // Each payload alone, too (a payload as the whole input is a different segmentation).
  for (const p of PAYLOADS.slice(0, 20)) {
    await analyze(page, p);
    await page.click('#text .sent[data-i="0"]');
  }
  await assertInert(page);
  assert.deepEqual((await cleanliness(page, s.problems, s.requests, env.server.url)).csp, []);
  await s.context.close();
});

test('payloads in opened .txt and .html files never run', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  const dir = join(tmpdir(), `whosaid-xss-${process.pid}`);
  mkdirSync(dir, { recursive: true });

  const txt = join(dir, 'hostile.txt');
  writeFileSync(txt, hostileArticle());
  let run = await page.$eval('#status', (e) => e.dataset.run ?? '');
  await page.setInputFiles('#file', txt);
  await waitForRun(page, run);
  assert.equal(await page.inputValue('#input'), hostileArticle());
  await assertInert(page);

  // As HTML, the payloads are parsed (inertly) and only their text survives.
  const html = join(dir, 'hostile.html');
  writeFileSync(html, `<!doctype html><html><head><title>t</title></head><body>${PAYLOADS.map((p) => `<p>Ana Ruiz said ${p} today.</p>`).join('')}</body></html>`);
  run = await page.$eval('#status', (e) => e.dataset.run ?? '');
  await page.setInputFiles('#file', html);
  await waitForRun(page, run);
  const n = await page.$$eval('#text .sent', (e) => e.length);
  // Unclosed raw-text elements in the payloads (<style>, <textarea>, ...) swallow what follows,
  // as in any browser, so fewer sentences than paragraphs survive.
  assert.ok(n >= 10, `${n} sentences from the HTML file`);
  assert.equal(await page.$eval('#text .sent[data-i="1"]', (e) => e.textContent), 'Ana Ruiz said today.'); // after the <title>
  for (let i = 0; i < n; i += 1) await page.click(`#text .sent[data-i="${i}"]`);

  // Dropped, the same file goes through the same path.
  run = await page.$eval('#status', (e) => e.dataset.run ?? '');
  const dt = await page.evaluateHandle((body) => {
    const d = new DataTransfer();
    d.items.add(new File([body], 'dropped.html', { type: 'text/html' }));
    return d;
  }, PAYLOADS.join('\n<br>\n'));
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await waitForRun(page, run);
  await assertInert(page);
  const { problems, csp, foreign } = await cleanliness(page, s.problems, s.requests, env.server.url);
  assert.deepEqual(problems, []);
  assert.deepEqual(csp, []);
  assert.deepEqual(foreign, []);
  await s.context.close();
});

test('payloads sent through a share link never run', async () => {
  const s = await openPage(env.browser, env.server.url);
  const { page } = s;
  // The link is made by the page's own encoder, as the Copy link button would.
  const fragment = await page.evaluate(async (text) => {
    const { encodeShare } = await import('./share.js');
    return encodeShare({ text, stopwords: ['<img src=x onerror=top.__xss=99>', 'javascript:top.__xss=98'] });
  }, hostileArticle());
  await page.goto(`${env.server.url}${fragment}`);
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'done');
  assert.equal(await page.inputValue('#input'), hostileArticle());
  assert.match(await page.inputValue('#stopwords'), /onerror=top\.__xss=99/);
  const n = await page.$$eval('#text .sent', (e) => e.length);
  for (let i = 0; i < n; i += 7) await page.click(`#text .sent[data-i="${i}"]`);
  await assertInert(page);
  // A hostile fragment that is not a valid link only gives a notice.
  await page.goto(`${env.server.url}#v1=<img src=x onerror=top.__xss=97>`);
  await page.waitForFunction(() => !document.getElementById('notice').hidden);
  await assertInert(page);
  const { problems, csp, foreign } = await cleanliness(page, s.problems, s.requests, env.server.url);
  assert.deepEqual(problems, []);
  assert.deepEqual(csp, []);
  assert.deepEqual(foreign, []);
  await s.context.close();
});
