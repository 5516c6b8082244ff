// Turning a page's bytes into text: the charset from the Content-Type header, else a byte-order
// mark, else <meta charset> / <meta http-equiv> (or an XML declaration) in the first bytes, else
// UTF-8 when the bytes are valid UTF-8 and Windows-1252 when not (what browsers do for old pages).

/** The `charset` parameter of a Content-Type value, lower-cased, or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1]!.toLowerCase() : null;
}

/** The media type of a Content-Type value (`text/html`), lower-cased; '' when there is none. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

const SNIFF_BYTES = 4096;

/** The charset a document declares about itself in its first bytes, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  return null;
}

/** Windows-1252 0x80–0x9F (Node's decoder for that label gives the C1 controls of ISO-8859-1 there). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

class Windows1252Decoder {
  readonly encoding = 'windows-1252';
  decode(bytes: Uint8Array): string {
    let out = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const part = bytes.subarray(i, i + 8192);
      out += String.fromCharCode(...Array.from(part, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
    }
    return out;
  }
}

interface Decoder {
  readonly encoding: string;
  decode(bytes: Uint8Array): string;
}

function decoderFor(label: string): Decoder | null {
  try {
    // A page that claims UTF-16 in a <meta> is read as UTF-8 (the HTML rule): the claim cannot be true
    // of bytes that were readable enough to find it.
    const d = new TextDecoder(/^utf-?16/i.test(label) ? 'utf-8' : label);
    return d.encoding === 'windows-1252' ? new Windows1252Decoder() : d;
  } catch {
    return null;
  }
}

export interface Decoded {
  text: string;
  /** The encoding actually used (the WHATWG name, e.g. `windows-1252` for `iso-8859-1`). */
  charset: string;
}

export function decodeBody(bytes: Uint8Array, headerCharset: string | null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return use(new TextDecoder('utf-8'), bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return use(new TextDecoder('utf-16be'), bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return use(new TextDecoder('utf-16le'), bytes);
  const fromHeader = headerCharset ? decoderFor(headerCharset) : null;
  if (fromHeader) return use(fromHeader, bytes);
  const declared = declaredCharset(bytes);
  const fromMeta = declared ? decoderFor(declared) : null;
  if (fromMeta) return use(fromMeta, bytes);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    return use(new Windows1252Decoder(), bytes);
  }
}

function use(decoder: Decoder, bytes: Uint8Array): Decoded {
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}
