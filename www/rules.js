// Plain-words explanations of the attribution rules the core reports in `rule`. The core grows new
// rules over time; an unknown name still gets a readable fallback.

const RULES = {
  'according-to': 'The sentence credits its content with “According to …”, so the named party is the source.',
  'according-to-relay':
    'The sentence has the shape “According to X, Y said …”: Y is the source, and X is the relay the report came through.',
  'source-cue': 'A source is named before a reporting word, as in “X said …” or “X, a spokesperson, told …”.',
  'cue-source': 'A reporting word comes after the content and is followed by the source, as in: “…,” said X.',
  'quote-continued':
    'This sentence sits inside a quotation that was opened in an earlier attributed sentence, so it keeps that source.',
};

const WORDS = {
  according: 'according to',
  relay: 'through a relay',
  cue: 'reporting word',
  source: 'source',
  continued: 'carried over from an earlier sentence',
  pronoun: 'a pronoun pointing back to an earlier source',
  quote: 'quotation',
  vague: 'vague source',
  passive: 'passive reporting phrase',
};

/** Explains `rule` in plain words. */
export function explainRule(rule) {
  if (typeof rule !== 'string' || rule === '') return 'No rule was reported.';
  if (Object.hasOwn(RULES, rule)) return RULES[rule];
  const parts = rule.split(/[-_]/).map((p) => WORDS[p] ?? p);
  return `The “${rule}” pattern matched (${parts.join(', ')}).`;
}

/** Explains the attribution form. */
export function explainForm(attribution) {
  if (!attribution) return 'Not attributed: the author’s own voice.';
  const form = attribution.form;
  let text = form === 'direct' ? 'Direct quotation' : form === 'mixed' ? 'Part quotation, part paraphrase' : form === 'indirect' ? 'Paraphrase (indirect speech)' : String(form ?? '');
  if (attribution.continued) text += ', carried over from an earlier sentence';
  return text;
}
