/**
 * The number of words in a text, as a word limit counts them: runs of non-space characters
 * that hold at least one letter or digit ("—" or "…" alone is not a word; "state-of-the-art"
 * is one). Scripts written without spaces count a whole run as one word.
 */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/u)) {
    if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  }
  return words;
}
