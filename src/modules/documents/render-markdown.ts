import { escapeHtml } from '../../platform/html/printable-html.js';

/**
 * A small Markdown renderer for controlled documents: headings, paragraphs, ordered and bulleted
 * lists (nested by indentation), pipe tables, emphasis, inline code, fenced code and links. Every
 * piece of text is escaped; a link keeps only an http(s), mailto or relative target. Raw HTML in
 * the source is shown as text, never interpreted.
 */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let index = 0;
  const isTableRow = (line: string | undefined) =>
    line !== undefined && /^\s*\|.*\|\s*$/.test(line);
  const isListItem = (line: string | undefined) =>
    line !== undefined && /^\s*(?:[-*+]|\d+[.)])\s+/.test(line);
  const startsBlock = (line: string) =>
    /^(#{1,6})\s/.test(line) ||
    /^\s*```/.test(line) ||
    isListItem(line) ||
    isTableRow(line) ||
    /^\s*(?:---|\*\*\*|___)\s*$/.test(line);

  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level}>${renderInline(heading[2]!)}</h${level}>`);
      index += 1;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !/^\s*```/.test(lines[index]!)) {
        code.push(lines[index]!);
        index += 1;
      }
      index += 1;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (/^\s*(?:---|\*\*\*|___)\s*$/.test(line)) {
      out.push('<hr>');
      index += 1;
      continue;
    }
    if (isTableRow(line) && /^\s*\|[\s:|-]+\|\s*$/.test(lines[index + 1] ?? '')) {
      const header = splitRow(line);
      index += 2;
      const rows: string[][] = [];
      while (isTableRow(lines[index])) {
        rows.push(splitRow(lines[index]!));
        index += 1;
      }
      out.push(
        '<table><thead><tr>' +
          header.map((cell) => `<th>${renderInline(cell)}</th>`).join('') +
          '</tr></thead><tbody>' +
          rows
            .map(
              (row) =>
                '<tr>' +
                header.map((_, i) => `<td>${renderInline(row[i] ?? '')}</td>`).join('') +
                '</tr>',
            )
            .join('') +
          '</tbody></table>',
      );
      continue;
    }
    if (isListItem(line)) {
      const items: string[] = [];
      while (
        index < lines.length &&
        (isListItem(lines[index]) || /^\s{2,}\S/.test(lines[index]!))
      ) {
        items.push(lines[index]!);
        index += 1;
      }
      out.push(renderList(items));
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== '' && !startsBlock(lines[index]!)) {
      paragraph.push(lines[index]!.trim());
      index += 1;
    }
    if (paragraph.length === 0) {
      paragraph.push(line.trim());
      index += 1;
    }
    out.push(`<p>${renderInline(paragraph.join(' '))}</p>`);
  }
  return out.join('\n');
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

const indentOf = (line: string) => /^\s*/.exec(line)![0].length;

/** A list and the lists nested in it (deeper indentation). */
function renderList(lines: string[]): string {
  const baseIndent = indentOf(lines[0]!);
  const ordered = /^\s*\d+[.)]\s/.test(lines[0]!);
  const items: { text: string; children: string[] }[] = [];
  for (const line of lines) {
    const marker = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (marker && marker[1]!.length <= baseIndent) {
      items.push({ text: marker[2]!, children: [] });
    } else if (items.length > 0) {
      const last = items[items.length - 1]!;
      if (marker) last.children.push(line);
      else if (last.children.length > 0) last.children.push(line);
      else last.text += ` ${line.trim()}`;
    }
  }
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items
    .map(
      (item) =>
        `<li>${renderInline(item.text)}${item.children.length > 0 ? renderList(item.children) : ''}</li>`,
    )
    .join('')}</${tag}>`;
}

const SAFE_LINK = /^(?:https?:\/\/|mailto:|\/|#|\.{0,2}\/?[A-Za-z0-9_-])/;

/** Inline markup of one block: code spans first (their text is literal), then links and emphasis. */
export function renderInline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : renderEmphasisAndLinks(part),
    )
    .join('');
}

function renderEmphasisAndLinks(text: string): string {
  let html = escapeHtml(text);
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_match, label: string, href: string) => {
    const target = href.replace(/&amp;/g, '&');
    return SAFE_LINK.test(target) && !/^\s*(?:javascript|data|vbscript):/i.test(target)
      ? `<a href="${escapeHtml(target)}">${label}</a>`
      : label;
  });
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/__([^_]+)__/g, '<strong>$1</strong>');
  html = html.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  html = html.replace(/(^|[^\w_])_([^_\s][^_]*)_(?![\w])/g, '$1<em>$2</em>');
  return html;
}
