/**
 * Request bodies are decoded strictly: `Buffer.toString('utf8')`, `req.text()`
 * and `req.json()` replace every invalid byte with U+FFFD, so a broken note
 * would be stored silently altered. A body that is not valid UTF-8 is refused.
 */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}
