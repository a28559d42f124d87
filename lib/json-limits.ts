/**
 * Limits on free-form JSON, checked without recursion: a body nested 5,000
 * levels deep parses fine (V8's JSON.parse is iterative) but overflows the
 * stack of any recursive walk after it (hashing, cloning, serialising), and
 * a 16 MiB body of `[[[[…` costs far more memory parsed than as text.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether JSON text nests objects/arrays deeper than `maxDepth`, scanning the
 * UTF-8 bytes once (multi-byte characters never contain these ASCII bytes).
 * Brackets inside strings do not count. Invalid JSON is left to JSON.parse.
 */
export function jsonTextTooDeep(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > maxDepth) return true;
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

export type JsonLimits = { maxDepth: number; maxValues: number };
export type JsonLimitProblem = { path: string; message: string };

/** How many leading segments a reported path keeps: enough to name the field, never a 5,000-segment string. */
const PATH_SEGMENTS = 3;

/**
 * The first limit a parsed JSON value breaks, with the path where it did
 * ('form.x.a'); null when it is within both. Depth counts objects and arrays
 * (`{}` is 1, `{"a":[]}` is 2); values count every node.
 */
export function jsonValueProblem(value: unknown, limits: JsonLimits): JsonLimitProblem | null {
  const stack: { v: unknown; depth: number; path: string[] }[] = [{ v: value, depth: 0, path: [] }];
  let values = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++values > limits.maxValues) return { path: path.join('.') || '(body)', message: `more than ${limits.maxValues} values in the body` };
    if (v === null || typeof v !== 'object') continue;
    const inner = depth + 1;
    if (inner > limits.maxDepth) return { path: path.join('.') || '(body)', message: `nested deeper than ${limits.maxDepth} levels` };
    const keys = Array.isArray(v) ? null : Object.keys(v);
    // Refuse a huge container before copying its entries.
    if (values + stack.length + (keys ? keys.length : (v as unknown[]).length) > limits.maxValues) {
      return { path: path.join('.') || '(body)', message: `more than ${limits.maxValues} values in the body` };
    }
    const entries: [string, unknown][] = keys ? keys.map((k) => [k, (v as Record<string, unknown>)[k]]) : (v as unknown[]).map((x, i) => [String(i), x]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      stack.push({ v: child, depth: inner, path: path.length < PATH_SEGMENTS ? [...path, key] : path });
    }
  }
  return null;
}
