/**
 * Helpers for the self-contained, printable HTML pages Plumbline writes for auditors (the pack
 * index, process walkthroughs): every value escaped, inline style, no script, no external asset.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A value as HTML text or attribute content: every character that could open markup escaped. */
export const escapeHtml = (value: string | number | null | undefined): string =>
  String(value ?? '').replace(/[&<>"']/g, (character) => ESCAPES[character]!);

/** Markup that is already safe: written by `html` (its values escaped) or a trusted constant. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * What may stand in an `html` template: text and numbers (escaped), markup made by `html`
 * (inserted as it is), and lists of these (joined). Booleans are not accepted, so that
 * `${condition && html`…`}` cannot print "false".
 */
export type HtmlValue = string | number | null | undefined | SafeHtml | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(value as string | number | null | undefined);
}

/**
 * The template tag of every printable page: each interpolated value is escaped unless it is
 * markup that `html` itself produced. Forgetting to escape is not possible; writing raw markup
 * from data needs `trustedHtml`, which only constants use.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0]!;
  for (let index = 0; index < values.length; index += 1) {
    text += render(values[index]) + strings[index + 1]!;
  }
  return new SafeHtml(text);
}

/** A constant written by us (the style sheet): inserted without escaping. Never pass data. */
export const trustedHtml = (constant: string): SafeHtml => new SafeHtml(constant);

/** A relative link into an archive; each path segment percent-encoded. */
export const relativeHref = (path: string): string =>
  path.split('/').map(encodeURIComponent).join('/');

/** An element id from a prefix and a key, reduced to characters safe in a fragment. */
export const anchorId = (prefix: string, key: string): string =>
  `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The shared inline style sheet: readable on screen, one section per page when printed. */
export const PRINTABLE_STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}h3{margin-top:1.8rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font-size:.85em;word-break:break-all}nav a{margin-right:1rem}
.gap{color:#fff;background:#b00020;padding:0 .4rem;border-radius:3px}.partial{background:#f5c542;padding:0 .4rem;border-radius:3px}
.covered{background:#2e7d32;color:#fff;padding:0 .4rem;border-radius:3px}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
@media print{nav{display:none}a{color:inherit;text-decoration:none}h2{break-before:page}tr{break-inside:avoid}}
`;
