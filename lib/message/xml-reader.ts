import { WechatInboundError } from '../errors/wechat-inbound.error.js';
import { MESSAGE_MESSAGES as M } from './message.messages.js';
import { setOwnField } from './own-field.js';

/** A parsed element: its text, its children by name (repeated names become arrays), or a list of repeats. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}
export interface XmlDocument {
  root: string;
  value: XmlValue;
}

/** Nesting limit for callback bodies (WeChat's deepest payload has 4 levels). */
export const MAX_DEPTH = 32;

/**
 * A strict, single-pass reader for the XML subset WeChat uses (elements, CDATA, text, comments, PIs; attributes
 * are checked and ignored). It runs on every callback, so it is written for that: one scan, no regex per tag,
 * no DTD support at all.
 *
 * Values are kept exactly as sent: no number coercion, CDATA content never trimmed (split sections are joined),
 * entity and character references in plain text decoded. Whitespace outside CDATA is formatting
 * (`<Encrypt>\n    <![CDATA[…]]></Encrypt>`), so plain-text runs are trimmed. An empty element is `""`.
 * Structure is validated (unclosed, mismatched, garbage, trailing content, depth); a DOCTYPE/ENTITY declaration
 * anywhere outside CDATA is refused before anything else is looked at.
 *
 * @throws WechatInboundError `body_empty` | `body_forbidden_markup` | `body_malformed`, and nothing else.
 */
export function readXmlDocument(body: string, maxDepth = MAX_DEPTH): XmlDocument {
  let start = body.charCodeAt(0) === 0xfeff ? 1 : 0;
  start = skipSpace(body, start);
  if (start >= body.length) throw new WechatInboundError('body_empty', M.empty);
  refuseDeclarations(body);
  return new Reader(body, start, maxDepth).document();
}

const DTD_DECLARATION = /<!\s*(?:doctype|entity|element|attlist|notation)/iy;
const REFERENCE = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));|&/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function malformed(message: string): WechatInboundError {
  return new WechatInboundError('body_malformed', message);
}

function isDeclaration(body: string, at: number): boolean {
  DTD_DECLARATION.lastIndex = at;
  return DTD_DECLARATION.test(body);
}

/** Pre-scan: any `<!DOCTYPE`/`<!ENTITY`/… outside CDATA sections (case-insensitive) refuses the body. */
function refuseDeclarations(body: string): void {
  let at = body.indexOf('<!');
  while (at !== -1) {
    if (body.startsWith('<![CDATA[', at)) {
      const end = body.indexOf(']]>', at + 9);
      if (end === -1) return; // unterminated CDATA: the reader reports it
      at = body.indexOf('<!', end + 3);
      continue;
    }
    if (isDeclaration(body, at)) throw new WechatInboundError('body_forbidden_markup', M.forbiddenMarkup);
    at = body.indexOf('<!', at + 2);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}
function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}
/** XML 1.0 `Char` production, for character references. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}
function decodeReference(_match: string, dec?: string, hex?: string, named?: string): string {
  if (named) return NAMED[named]!;
  if (dec === undefined && hex === undefined) throw malformed(M.badReference);
  const digits = (dec ?? hex)!;
  if (digits.length > 8) throw malformed(M.badReference);
  const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(digits, 16);
  if (!isXmlChar(cp)) throw malformed(M.badReference);
  return String.fromCodePoint(cp);
}

const REFERENCE_AT = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/y;

/** The index just past a well-formed reference starting at `at` (which is `&`); a bare `&` is malformed. */
function referenceEnd(s: string, at: number): number {
  REFERENCE_AT.lastIndex = at;
  const match = REFERENCE_AT.exec(s);
  if (match === null) throw malformed(M.badReference);
  decodeReference(match[0], match[1], match[2], match[3]);
  return at + match[0].length;
}

interface Frame {
  name: string;
  start: number;
  text: string;
  children: XmlObject | null;
}

class Reader {
  private readonly stack: Frame[] = [];
  private pos: number;

  constructor(
    private readonly s: string,
    start: number,
    private readonly maxDepth: number,
  ) {
    this.pos = start;
  }

  document(): XmlDocument {
    const s = this.s;
    this.skipMisc();
    if (s.charCodeAt(this.pos) !== 0x3c || !isNameStart(s.charCodeAt(this.pos + 1))) throw malformed(M.notXml(this.pos));
    const root = this.readStartTag();
    let value: XmlValue | undefined = root.selfClosing ? '' : undefined;
    if (!root.selfClosing) {
      this.stack.push({ name: root.name, start: root.start, text: '', children: null });
      value = this.readContent();
    }
    this.skipMisc();
    if (this.pos < s.length) throw malformed(M.trailing(this.pos));
    return { root: root.name, value: value! };
  }

  /** Whitespace, comments and processing instructions, as allowed around the root element. */
  private skipMisc(): void {
    const s = this.s;
    for (;;) {
      this.pos = skipSpace(s, this.pos);
      if (s.startsWith('<?', this.pos)) this.pos = this.skipPast('?>', this.pos + 2, 'processing instruction');
      else if (s.startsWith('<!--', this.pos)) this.pos = this.skipPast('-->', this.pos + 4, 'comment');
      else if (s.startsWith('<!', this.pos)) {
        if (isDeclaration(s, this.pos)) throw new WechatInboundError('body_forbidden_markup', M.forbiddenMarkup);
        throw malformed(M.notXml(this.pos));
      } else return;
    }
  }

  private skipPast(terminator: string, from: number, what: string): number {
    const end = this.s.indexOf(terminator, from);
    if (end === -1) throw malformed(M.unterminated(what, from));
    return end + terminator.length;
  }

  /** Reads `<name attr="…"…>` or `<name…/>` at `pos` (which is at `<`). */
  private readStartTag(): { name: string; selfClosing: boolean; start: number } {
    const s = this.s;
    const tagStart = this.pos;
    let i = tagStart + 1;
    if (!isNameStart(s.charCodeAt(i))) throw malformed(M.badTag(tagStart));
    while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
    const name = s.slice(tagStart + 1, i);
    let attrNames: string | Set<string> | undefined;
    for (;;) {
      const afterName = i;
      i = skipSpace(s, i);
      const c = s.charCodeAt(i);
      if (c === 0x3e) {
        this.pos = i + 1;
        return { name, selfClosing: false, start: tagStart };
      }
      if (c === 0x2f && s.charCodeAt(i + 1) === 0x3e) {
        this.pos = i + 2;
        return { name, selfClosing: true, start: tagStart };
      }
      // An attribute: whitespace, name, `=`, quoted value without `<` and with well-formed references. Checked,
      // then ignored. The value is scanned once, char by char: searching ahead for `<` per attribute made a tag
      // with many attributes quadratic in the body's length.
      if (i === afterName || !isNameStart(c)) throw malformed(i >= s.length ? M.unclosed(tagStart) : M.badTag(tagStart));
      const attrStart = i;
      while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
      const attrName = s.slice(attrStart, i);
      if (attrNames === undefined) attrNames = attrName;
      else {
        if (typeof attrNames === 'string') attrNames = new Set([attrNames]);
        if (attrNames.has(attrName)) throw malformed(M.badAttribute(attrStart));
        attrNames.add(attrName);
      }
      i = skipSpace(s, i);
      if (s.charCodeAt(i) !== 0x3d) throw malformed(M.badAttribute(attrStart));
      i = skipSpace(s, i + 1);
      const quote = s.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) throw malformed(M.badAttribute(attrStart));
      i++;
      for (;;) {
        if (i >= s.length) throw malformed(M.badAttribute(attrStart));
        const v = s.charCodeAt(i);
        if (v === quote) break;
        if (v === 0x3c) throw malformed(M.badAttribute(attrStart));
        if (v === 0x26) i = referenceEnd(s, i);
        else i++;
      }
      i++;
    }
  }

  /** Reads the content of the element on top of the stack, and of everything nested in it. */
  private readContent(): XmlValue {
    const s = this.s;
    const stack = this.stack;
    for (;;) {
      const top = stack[stack.length - 1]!;
      const lt = s.indexOf('<', this.pos);
      if (lt === -1) throw malformed(M.unclosed(top.start));
      if (lt > this.pos) this.appendText(top, this.pos, lt);
      const next = s.charCodeAt(lt + 1);
      if (next === 0x2f) {
        // `</name>`
        let i = lt + 2;
        const nameEnd = i + top.name.length;
        if (!s.startsWith(top.name, i) || isNameChar(s.charCodeAt(nameEnd))) throw malformed(M.mismatchedClose(lt, top.start));
        i = skipSpace(s, nameEnd);
        if (s.charCodeAt(i) !== 0x3e) throw malformed(M.mismatchedClose(lt, top.start));
        this.pos = i + 1;
        stack.pop();
        const value: XmlValue = top.children ?? top.text;
        if (stack.length === 0) return value;
        addChild(stack[stack.length - 1]!, top.name, value);
      } else if (next === 0x21) {
        if (s.startsWith('[CDATA[', lt + 2)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end === -1) throw malformed(M.unterminated('CDATA section', lt));
          if (top.children === null) top.text += s.slice(lt + 9, end);
          this.pos = end + 3;
        } else if (s.startsWith('--', lt + 2)) {
          this.pos = this.skipPast('-->', lt + 4, 'comment');
        } else if (isDeclaration(s, lt)) {
          throw new WechatInboundError('body_forbidden_markup', M.forbiddenMarkup);
        } else {
          throw malformed(M.badTag(lt));
        }
      } else if (next === 0x3f) {
        this.pos = this.skipPast('?>', lt + 2, 'processing instruction');
      } else {
        this.pos = lt;
        const tag = this.readStartTag();
        if (tag.selfClosing) addChild(top, tag.name, '');
        else {
          if (stack.length >= this.maxDepth) throw malformed(M.tooDeep(this.maxDepth));
          stack.push({ name: tag.name, start: tag.start, text: '', children: null });
        }
      }
    }
  }

  /** Plain text between markup: trimmed (formatting), references decoded; dropped once the element has children. */
  private appendText(frame: Frame, from: number, to: number): void {
    const s = this.s;
    let a = from;
    let b = to;
    while (a < b && isSpace(s.charCodeAt(a))) a++;
    while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
    if (a === b) return;
    // Searched within [a, b) only: an unbounded indexOf would scan to the end of the body once per text run.
    let amp = a;
    while (amp < b && s.charCodeAt(amp) !== 0x26) amp++;
    const hasReference = amp < b;
    if (frame.children !== null) {
      // Dropped (mixed content), but still checked: a bare `&` makes the document ill-formed wherever it is.
      if (hasReference) for (let i = amp; i < b; ) i = s.charCodeAt(i) === 0x26 ? referenceEnd(s, i) : i + 1;
      return;
    }
    const raw = s.slice(a, b);
    frame.text += hasReference ? raw.replace(REFERENCE, decodeReference) : raw;
  }
}

function addChild(parent: Frame, name: string, value: XmlValue): void {
  // Mixed content does not occur in WeChat payloads; once an element has children its text is ignored.
  const children = (parent.children ??= {});
  if (!Object.hasOwn(children, name)) {
    setOwnField(children, name, value);
    return;
  }
  const existing = children[name]!;
  if (Array.isArray(existing)) existing.push(value);
  else children[name] = [existing, value];
}
