import { StringDecoder } from 'node:string_decoder';

/** Where a value sits in a document: property names and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/**
 * What to do with the value starting at a path: `take` parses it whole and hands it over, `skip`
 * steps over it without keeping it, `descend` walks into it (its children are asked in turn).
 */
export type JsonSelection = 'take' | 'skip' | 'descend';

export interface SelectedJsonValue {
  path: JsonPath;
  value: unknown;
  /** The line (1-based) the value starts on. */
  line: number;
}

/** Input that is not one well-formed JSON document, with the line where it went wrong. */
export class JsonStreamError extends Error {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly truncated = false,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'JsonStreamError';
  }
}

type Frame =
  | {
      kind: 'object';
      key: string | null;
      expect: 'key' | 'colon' | 'value' | 'next';
      empty: boolean;
    }
  | { kind: 'array'; index: number; expect: 'value' | 'next'; empty: boolean };

interface Capture {
  path: JsonPath;
  line: number;
  /** Whether the value is handed over (taken), not only stepped over. */
  take: boolean;
  /** Whether its text is kept: taken values, and literals (checked when they end). */
  keep: boolean;
  shape: 'container' | 'string' | 'literal';
  depth: number;
  inString: boolean;
  escaped: boolean;
  parts: string[];
}

/** In a string: where it ends, an escape, or a character JSON does not allow there. */
// eslint-disable-next-line no-control-regex
const STRING_STOP = /["\\\u0000-\u001f]/g;
/** Outside strings in a container: what changes depth, starts a string, or a line. */
const STRUCTURE_STOP = /["{}[\]\n]/g;

const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isLiteralCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x2d ||
    code === 0x2b ||
    code === 0x2e
  );
}

function describe(code: number): string {
  return code < 0x20
    ? `character U+${code.toString(16).padStart(4, '0')}`
    : `"${String.fromCharCode(code)}"`;
}

/**
 * A resumable scanner over one JSON document fed in chunks. Outside the values it is asked to
 * take it keeps only the path (one frame per open container) and the current token, so a report of
 * any size is read in memory bounded by its largest taken value; each taken value is parsed by
 * JSON.parse. Every byte is checked: malformed or truncated input fails with its line.
 */
class JsonScanner {
  private readonly stack: Frame[] = [];
  private line = 1;
  private rootStarted = false;
  private rootDone = false;
  private token: 'none' | 'key' | 'string' | 'literal' = 'none';
  private tokenText = '';
  private tokenEscaped = false;
  private tokenHasEscape = false;
  private capture: Capture | null = null;

  constructor(
    private readonly select: (path: JsonPath) => JsonSelection,
    private readonly onRoot: (kind: 'object' | 'array' | 'scalar') => void,
  ) {}

  feed(chunk: string, out: SelectedJsonValue[]): void {
    let index = 0;
    while (index < chunk.length) {
      if (this.capture) {
        index = this.scanCapture(chunk, index, out);
        continue;
      }
      const consumed = this.step(chunk, index);
      index = consumed;
    }
    if (this.capture) {
      // The rest of this chunk belongs to the value being taken; it resumes in the next chunk.
      const capture = this.capture;
      if (capture.keep) capture.parts.push(chunk.slice(this.captureStart));
      this.captureStart = 0;
    }
  }

  finish(out: SelectedJsonValue[]): void {
    if (this.token === 'literal') this.endLiteral();
    void out;
    if (!this.rootStarted) throw new JsonStreamError('the input is empty', this.line);
    if (this.capture || this.token !== 'none' || this.stack.length > 0 || !this.rootDone) {
      throw new JsonStreamError('the JSON ends too early (truncated output?)', this.line, true);
    }
  }

  private captureStart = 0;

  private pathOfNextValue(): (string | number)[] {
    return this.stack.map((frame) => (frame.kind === 'object' ? (frame.key ?? '') : frame.index));
  }

  private valueDone(): void {
    const top = this.stack.at(-1);
    if (!top) {
      this.rootDone = true;
      return;
    }
    top.expect = 'next';
    top.empty = false;
  }

  private startCapture(code: number, path: JsonPath, take: boolean, chunkIndex: number): void {
    const shape =
      code === 0x7b || code === 0x5b ? 'container' : code === 0x22 ? 'string' : 'literal';
    this.capture = {
      path,
      line: this.line,
      take,
      keep: take || shape === 'literal',
      shape,
      depth: 0,
      inString: false,
      escaped: false,
      parts: [],
    };
    this.captureStart = chunkIndex;
  }

  /**
   * Scans a taken or skipped value from `index`; returns where the scan stopped. Jumps from one
   * character that matters to the next (quotes, escapes and control characters in strings;
   * brackets, quotes and line breaks outside), so long descriptions cost a search, not a loop.
   */
  private scanCapture(chunk: string, index: number, out: SelectedJsonValue[]): number {
    const capture = this.capture!;
    let i = index;
    while (i < chunk.length) {
      if (capture.shape === 'literal') {
        if (isLiteralCharacter(chunk.charCodeAt(i))) {
          i += 1;
          continue;
        }
        this.endCapture(chunk, i, out);
        return i;
      }
      if (capture.inString) {
        if (capture.escaped) {
          capture.escaped = false;
          i += 1;
          continue;
        }
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(chunk);
        if (stop === null) return chunk.length;
        i = stop.index;
        const code = chunk.charCodeAt(i);
        if (code === 0x5c) capture.escaped = true;
        else if (code === 0x22) {
          capture.inString = false;
          if (capture.shape === 'string') {
            this.endCapture(chunk, i + 1, out);
            return i + 1;
          }
        } else {
          throw controlCharacterInString(code, this.line);
        }
        i += 1;
        continue;
      }
      STRUCTURE_STOP.lastIndex = i;
      const stop = STRUCTURE_STOP.exec(chunk);
      if (stop === null) return chunk.length;
      i = stop.index;
      const code = chunk.charCodeAt(i);
      if (code === 0x0a) this.line += 1;
      else if (code === 0x22) capture.inString = true;
      else if (code === 0x7b || code === 0x5b) capture.depth += 1;
      else {
        capture.depth -= 1;
        if (capture.depth === 0) {
          this.endCapture(chunk, i + 1, out);
          return i + 1;
        }
      }
      i += 1;
    }
    return i;
  }

  private endCapture(chunk: string, end: number, out: SelectedJsonValue[]): void {
    const capture = this.capture!;
    this.capture = null;
    if (capture.keep) capture.parts.push(chunk.slice(this.captureStart, end));
    if (capture.take) {
      const text = capture.parts.join('');
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const position = /position (\d+)/.exec(detail)?.[1];
        const offset = position === undefined ? 0 : Number(position);
        let line = capture.line;
        for (let k = 0; k < offset && k < text.length; k += 1)
          if (text.charCodeAt(k) === 10) line += 1;
        throw new JsonStreamError('is not valid JSON', line);
      }
      out.push({ path: capture.path, value, line: capture.line });
    } else if (capture.shape === 'literal' && !LITERAL.test(capture.parts.join(''))) {
      throw new JsonStreamError('is not valid JSON', capture.line);
    }
    this.valueDone();
  }

  private endLiteral(): void {
    if (!LITERAL.test(this.tokenText)) {
      throw new JsonStreamError(`"${this.tokenText.slice(0, 20)}" is not a JSON value`, this.line);
    }
    this.token = 'none';
    this.tokenText = '';
    this.valueDone();
  }

  /** One step of the path-keeping scanner; returns the index of the next character to read. */
  private step(chunk: string, index: number): number {
    const code = chunk.charCodeAt(index);
    if (this.token === 'key' || this.token === 'string') {
      if (this.tokenEscaped) {
        this.tokenEscaped = false;
        if (this.token === 'key') this.tokenText += chunk[index];
        return index + 1;
      }
      if (code === 0x5c) {
        this.tokenEscaped = true;
        this.tokenHasEscape = true;
        if (this.token === 'key') this.tokenText += '\\';
        return index + 1;
      }
      if (code === 0x22) {
        if (this.token === 'key') this.endKey();
        else {
          this.token = 'none';
          this.valueDone();
        }
        return index + 1;
      }
      if (code < 0x20) throw controlCharacterInString(code, this.line);
      if (this.token === 'key') this.tokenText += chunk[index];
      return index + 1;
    }
    if (this.token === 'literal') {
      if (isLiteralCharacter(code)) {
        this.tokenText += chunk[index];
        return index + 1;
      }
      this.endLiteral();
      return index;
    }
    if (isWhitespace(code) || (code === 0xfeff && !this.rootStarted)) {
      if (code === 0x0a) this.line += 1;
      return index + 1;
    }
    if (this.rootDone) {
      throw new JsonStreamError('unexpected content after the end of the JSON document', this.line);
    }
    const top = this.stack.at(-1);
    if (!top || top.expect === 'value') {
      if (top?.kind === 'array' && top.empty && code === 0x5d) {
        this.stack.pop();
        this.valueDone();
        return index + 1;
      }
      return this.startValue(code, index);
    }
    if (top.kind === 'object' && top.expect === 'key') {
      if (code === 0x22) {
        this.token = 'key';
        this.tokenText = '';
        this.tokenHasEscape = false;
        return index + 1;
      }
      if (code === 0x7d && top.empty) {
        this.stack.pop();
        this.valueDone();
        return index + 1;
      }
      throw new JsonStreamError(`expected a property name, found ${describe(code)}`, this.line);
    }
    if (top.kind === 'object' && top.expect === 'colon') {
      if (code !== 0x3a)
        throw new JsonStreamError(`expected ":", found ${describe(code)}`, this.line);
      top.expect = 'value';
      return index + 1;
    }
    // After a value: a comma or the end of the container.
    if (code === 0x2c) {
      if (top.kind === 'object') top.expect = 'key';
      else {
        top.index += 1;
        top.expect = 'value';
      }
      return index + 1;
    }
    if ((top.kind === 'object' && code === 0x7d) || (top.kind === 'array' && code === 0x5d)) {
      this.stack.pop();
      this.valueDone();
      return index + 1;
    }
    throw new JsonStreamError(
      `expected "," or "${top.kind === 'object' ? '}' : ']'}", found ${describe(code)}`,
      this.line,
    );
  }

  private endKey(): void {
    const top = this.stack.at(-1) as Extract<Frame, { kind: 'object' }>;
    top.key = this.tokenHasEscape ? (JSON.parse(`"${this.tokenText}"`) as string) : this.tokenText;
    top.expect = 'colon';
    this.token = 'none';
    this.tokenText = '';
  }

  private startValue(code: number, index: number): number {
    const isContainer = code === 0x7b || code === 0x5b;
    if (!this.rootStarted) {
      this.rootStarted = true;
      this.onRoot(code === 0x7b ? 'object' : code === 0x5b ? 'array' : 'scalar');
    }
    if (
      !isContainer &&
      code !== 0x22 &&
      !(
        code === 0x2d ||
        (code >= 0x30 && code <= 0x39) ||
        code === 0x74 ||
        code === 0x66 ||
        code === 0x6e
      )
    ) {
      throw new JsonStreamError(`expected a value, found ${describe(code)}`, this.line);
    }
    if (this.stack.length > 0) {
      const path = this.pathOfNextValue();
      const selection = this.select(path);
      if (selection !== 'descend') {
        this.startCapture(code, path, selection === 'take', index);
        if (this.capture!.shape === 'string') this.capture!.inString = true;
        if (this.capture!.shape === 'container') this.capture!.depth = 0;
        return this.capture!.shape === 'literal' ? index : this.captureFirst(code, index);
      }
    }
    if (code === 0x7b) this.stack.push({ kind: 'object', key: null, expect: 'key', empty: true });
    else if (code === 0x5b)
      this.stack.push({ kind: 'array', index: 0, expect: 'value', empty: true });
    else if (code === 0x22) {
      this.token = 'string';
      this.tokenText = '';
    } else {
      this.token = 'literal';
      this.tokenText = chunk0(code);
    }
    return index + 1;
  }

  /** The opening character of a captured container or string is part of its text. */
  private captureFirst(code: number, index: number): number {
    if (code === 0x7b || code === 0x5b) this.capture!.depth = 1;
    return index + 1;
  }
}

/** A line break inside a string is what output cut off mid-string looks like. */
function controlCharacterInString(code: number, line: number): JsonStreamError {
  return code === 0x0a || code === 0x0d
    ? new JsonStreamError(
        'a string is not closed before the line ends (truncated output?)',
        line,
        true,
      )
    : new JsonStreamError(`${describe(code)} inside a string`, line);
}

function chunk0(code: number): string {
  return String.fromCharCode(code);
}

function chunksOf(input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream) {
  return input as AsyncIterable<string | Buffer>;
}

/**
 * Reads one JSON document as it streams in and yields the values `select` takes, in document
 * order, each with its path and line. Memory holds the open containers' path and one taken value,
 * never the document.
 */
export async function* selectJsonValues(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
  select: (path: JsonPath) => JsonSelection,
  onRoot: (kind: 'object' | 'array' | 'scalar') => void = () => undefined,
): AsyncGenerator<SelectedJsonValue> {
  const scanner = new JsonScanner(select, onRoot);
  const decoder = new StringDecoder('utf8');
  const found: SelectedJsonValue[] = [];
  for await (const chunk of chunksOf(input)) {
    scanner.feed(typeof chunk === 'string' ? chunk : decoder.write(chunk), found);
    yield* found;
    found.length = 0;
  }
  const rest = decoder.end();
  if (rest !== '') scanner.feed(rest, found);
  scanner.finish(found);
  yield* found;
}
