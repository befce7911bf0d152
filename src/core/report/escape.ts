/**
 * Escaping of workspace text for the places the reporters print it (DESIGN.md section 6:
 * "Text from the workspace is escaped for terminals and Markdown as well as for HTML").
 *
 * - `escapeTerminal`: text for a terminal. Control characters (C0, DEL, C1: ESC sequences,
 *   OSC 8 links, CR, BEL, backspace) and the invisible bidirectional controls that reorder
 *   what is shown (Trojan Source: U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are
 *   written as visible escapes (`\x1b`, `\u202e`); lone UTF-16 surrogates become U+FFFD.
 *   Ordinary Unicode (accents, CJK, emoji) is kept as it is.
 * - `wellFormed`: a string any strict UTF-8/JSON parser accepts: each lone surrogate becomes
 *   U+FFFD (`String.prototype.toWellFormed`, which Node 18 lacks).
 * - `escapeMarkdown` / `markdownCode`: text shown as itself in CommonMark/GFM, on one line.
 *
 * Every regular expression here is a single character class: linear.
 */

/** Characters a terminal would act on, or that reorder the text shown around them. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Any surrogate code unit; the replacer tells pairs from lone ones. */
const SURROGATE = /[\ud800-\udfff]/g;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** `\x1b`, `\u202e`: how a character is shown once escaped. */
function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

/** Replaces every lone UTF-16 surrogate with U+FFFD; pairs (emoji, rare CJK) are kept. */
export function wellFormed(text: string): string {
  // Fast path: most text has no surrogate at all.
  SURROGATE.lastIndex = 0;
  if (!SURROGATE.test(text)) return text;
  return text.replace(SURROGATE, (ch: string, offset: number) => {
    const code = ch.charCodeAt(0);
    if (code <= 0xdbff) {
      const next = text.charCodeAt(offset + 1);
      return next >= 0xdc00 && next <= 0xdfff ? ch : '\ufffd';
    }
    const previous = offset > 0 ? text.charCodeAt(offset - 1) : 0;
    return previous >= 0xd800 && previous <= 0xdbff ? ch : '\ufffd';
  });
}

/** Text for a terminal: controls and bidi overrides as visible escapes, lone surrogates as U+FFFD. */
export function escapeTerminal(text: string): string {
  return wellFormed(text).replace(TERMINAL_UNSAFE, visible);
}

/**
 * Text shown as itself in Markdown, on one line: line breaks become spaces, other control and
 * bidi characters visible escapes; every ASCII character CommonMark or GFM could read as syntax
 * (emphasis, code, links and images, raw HTML, entities, table pipes, strikethrough) is
 * backslash-escaped or, for `<` and `>`, written as an entity; a leading heading, list,
 * quote or thematic-break marker is escaped so the text cannot start a block.
 *
 * `&` becomes `&amp;` only where it could start an entity or character reference (`&name;`,
 * `&#35;`, `&#x23;`: letters or digits, perhaps after `#`, then `;`; no entity name is longer
 * than 32). Anywhere else CommonMark reads it as itself, so "Catalog & Search" and "R&D" stay
 * readable in the Markdown file too.
 *
 * Bare URLs (`https://…`, `www.…`) are kept from becoming links by escaping `:` or `.`.
 * `(`, `)` and `!` stay as they are, for readability (`(no owner)`, `Ship it!`): with every
 * `[` and `]` escaped they cannot take part in a link or an image, and `<` cannot open an
 * autolink or HTML.
 */
export function escapeMarkdown(text: string): string {
  // Leading spaces would make four or more an indented code block: the text starts at its first character.
  return escapeTerminal(text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trimStart())
    .replace(/&(?=#?[a-z\d]{1,32};)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    // GFM links bare URLs: `https\://` and `www\.` show the same text without becoming links.
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * Text at the end of an ATX heading (`### …`), shown as itself: `escapeMarkdown`, and a final
 * run of `#` after a space is escaped, or CommonMark would take it for the optional closing
 * sequence and drop it (a team called "Team #" would show as "Team").
 */
export function markdownHeading(text: string): string {
  const escaped = escapeMarkdown(text).trimEnd();
  let start = escaped.length;
  while (start > 0 && escaped.charCodeAt(start - 1) === 0x23) start--;
  if (start === escaped.length || start === 0) return escaped;
  const before = escaped.charCodeAt(start - 1);
  return before === 0x20 || before === 0x09 ? `${escaped.slice(0, start)}\\${escaped.slice(start)}` : escaped;
}

/**
 * An inline code span showing `text` literally, on one line: fenced by more backticks than the
 * longest run inside (code spans honour no backslash escapes), padded when it starts or ends
 * with a backtick. Inside a code span `<`, `[` and `#` are inert.
 */
export function markdownCode(text: string): string {
  const flat = escapeTerminal(text.replace(/[\r\n\t\u2028\u2029]+/g, ' '));
  if (flat.trim() === '') return '` `';
  let longest = 0;
  let run = 0;
  for (let i = 0; i < flat.length; i++) {
    run = flat.charCodeAt(i) === 0x60 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
