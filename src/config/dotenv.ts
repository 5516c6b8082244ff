// A small `.env` reader: KEY=VALUE lines, `export ` prefixes, `#` comments, single quotes (literal)
// and double quotes (with \n, \t, \" and \\ escapes). It never touches process.env and never logs.
export interface DotEnvEntry {
  value: string;
  line: number;
}

export interface DotEnvResult {
  values: Map<string, DotEnvEntry>;
  /** `line N: problem`, one per bad line; good lines are still read. */
  errors: { line: number; message: string }[];
}

export function parseDotEnv(text: string): DotEnvResult {
  const values = new Map<string, DotEnvEntry>();
  const errors: DotEnvResult['errors'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(s);
    if (!m) {
      errors.push({ line, message: 'expected KEY=VALUE' });
      return;
    }
    const key = m[1]!;
    const rest = m[2]!;
    const value = readValue(rest);
    if (typeof value === 'object') {
      errors.push({ line, message: `${key}: ${value.error}` });
      return;
    }
    values.set(key, { value, line });
  });
  return { values, errors };
}

function readValue(rest: string): string | { error: string } {
  const q = rest[0];
  if (q === '"' || q === "'") {
    let out = '';
    for (let i = 1; i < rest.length; i++) {
      const c = rest[i]!;
      if (c === q) {
        const after = rest.slice(i + 1).trim();
        if (after && !after.startsWith('#')) return { error: `unexpected text after the closing quote: ${after.slice(0, 20)}` };
        return out;
      }
      if (q === '"' && c === '\\' && i + 1 < rest.length) {
        const next = rest[++i]!;
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
        continue;
      }
      out += c;
    }
    return { error: `the ${q === '"' ? 'double' : 'single'} quote is not closed on this line` };
  }
  // An unquoted value ends at a ` #` comment.
  const hash = rest.search(/\s#/);
  return (hash >= 0 ? rest.slice(0, hash) : rest).trim();
}
