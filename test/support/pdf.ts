/**
 * @module test/support/pdf
 * Reading back what PDFKit wrote, enough for tests: a document-information entry (written as a PDF
 * string, UTF-16BE with a byte-order mark when not ASCII) and, for a PDF written with `compress:
 * false`, the text of each text-showing operator (hex strings of Windows-1252 codes, the encoding of
 * the built-in fonts).
 */

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1. */
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** A PDF literal string's bytes (escapes resolved), from just after its opening parenthesis. */
function literal(text: string, start: number): string {
  let out = '';
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[++i]!;
      out += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
    } else if (c === '(') { depth++; out += c; } else if (c === ')') {
      if (depth === 0) return out;
      depth--; out += c;
    } else out += c;
  }
  throw new Error('unterminated PDF string');
}

/** The start of the body of indirect object `n`. */
function objectAt(text: string, n: string): number {
  const at = text.indexOf(`\n${n} 0 obj`);
  if (at < 0) throw new Error(`no object ${n}`);
  return at + `\n${n} 0 obj`.length;
}

/** A document-information entry (`Title`, `Author` …), direct or through a reference, or null. */
export function pdfInfo(pdf: Buffer, key: string): string | null {
  const text = pdf.toString('latin1');
  const info = /\/Info (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')));
  if (!info) return null;
  const start = objectAt(text, info[1]!);
  const dictionary = text.slice(start, text.indexOf('endobj', start));
  const entry = new RegExp(`/${key} (?:(\\d+) 0 R|\\()`).exec(dictionary);
  if (!entry) return null;
  const at = entry[1] === undefined ? start + entry.index + entry[0].length : text.indexOf('(', objectAt(text, entry[1])) + 1;
  const bytes = Buffer.from(literal(text, at), 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

/** The text of every `TJ`/`Tj` operator of an uncompressed PDF, in order. */
export function pdfTexts(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const match of text.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hexes = match[1] !== undefined ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [match[2]!];
    out.push(hexes.map((h) => [...Buffer.from(h, 'hex')].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('')).join(''));
  }
  return out;
}
