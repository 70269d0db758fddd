//! HTML reduced to the text a reader sees, for `.html` inputs to the CLI.
//!
//! This is not an HTML parser: it drops tags, comments and the contents of elements that hold no
//! prose (`script`, `style`, `noscript`, `template`, `svg`, `head`), turns block-level tags into
//! line breaks so paragraphs survive, and decodes character references. It runs in one pass and
//! never fails; the page does the same with the browser's own parser.

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object",
];

/// Tags that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "figcaption",
    "pre",
    "hr",
    "title",
    "dd",
    "dt",
    "main",
    "nav",
];

/// The visible text of `html`.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|i| &after[i + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone "<" is text.
            if skipping.is_none() {
                push_text(&mut out, rest);
            }
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(skip) = &skipping {
            if closing && &name == skip {
                skipping = None;
            }
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            skipping = Some(name);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !out.ends_with("\n\n") && !out.is_empty() {
            out.push_str(if name == "br" { "\n" } else { "\n\n" });
        }
    }
    if skipping.is_none() {
        push_text(&mut out, rest);
    }
    out.trim().to_string()
}

/// Appends text with character references decoded and runs of spaces collapsed.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for (i, part) in decoded.split_whitespace().enumerate() {
        let at_line_start = out.is_empty() || out.ends_with('\n');
        if (i > 0 || (decoded.starts_with(char::is_whitespace) && !at_line_start))
            && !out.ends_with(' ')
        {
            out.push(' ');
        }
        out.push_str(part);
    }
    if decoded.ends_with(char::is_whitespace) && !decoded.trim().is_empty() {
        out.push(' ');
    }
}

/// Decodes numeric references and the named ones news pages use.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1);
        let (name, consumed) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            _ => ("", 0),
        };
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(if c == '\0' { '\u{FFFD}' } else { c });
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn paragraphs_survive_and_scripts_go() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <h1>Big  news</h1><p>First &amp; <b>bold</b> line.</p>\
                    <script>alert('x')</script><p>Second&nbsp;one &#8220;quoted&#x201D;.</p></body></html>";
        // A no-break space collapses like any other run of spaces.
        assert_eq!(
            to_text(html),
            "Big news\n\nFirst & bold line.\n\nSecond one “quoted”."
        );
    }

    #[test]
    fn broken_markup_is_text() {
        assert_eq!(to_text("a < b and &bogus; c"), "a < b and &bogus; c");
        assert_eq!(to_text("<p>unclosed <script>never ends"), "unclosed");
        assert_eq!(to_text("<!-- only a comment"), "");
    }
}
