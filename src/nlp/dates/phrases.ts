// Multi-word table lookups over tokens, compiled once into tries.

/** A token as the date grammar sees it. */
export interface DTok {
  readonly start: number;
  readonly end: number;
  /** lower-case text, curly apostrophes made straight */
  readonly w: string;
  /** `w` without a trailing period ("sept." -> "sept"; "." stays ".") */
  readonly b: string;
  /** first character is an upper-case letter */
  readonly cap: boolean;
  /** value of a plain digit token ("24", "1990"), else NaN */
  readonly n: number;
  /** the raw token is digits only */
  readonly digits: boolean;
  readonly punct: boolean;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  value: T | undefined;
}

/** Longest-match lookup of multi-word phrases ("the near future", "more than"). */
export class PhraseTable<T> {
  private readonly root: TrieNode<T> = { next: new Map(), value: undefined };

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [key, value] of entries) {
      let node = this.root;
      for (const raw of key.split(' ')) {
        const word = bare(raw.toLowerCase().replace(/’/g, "'"));
        let child = node.next.get(word);
        if (!child) {
          child = { next: new Map(), value: undefined };
          node.next.set(word, child);
        }
        node = child;
      }
      node.value = value;
    }
  }

  /** The words a phrase can start with (lower-case, without a trailing period, as matched against `DTok.b`). */
  firstWords(): string[] {
    return [...this.root.next.keys()];
  }

  /** The longest phrase starting at token i: its value and the index after it. */
  match(toks: readonly DTok[], i: number): { value: T; end: number } | null {
    let node: TrieNode<T> | undefined = this.root;
    let value: T | undefined;
    let end = -1;
    for (let j = i; j < toks.length && node; j++) {
      node = node.next.get(toks[j].b);
      if (node && node.value !== undefined) {
        value = node.value;
        end = j + 1;
      }
    }
    return end < 0 ? null : { value: value as T, end };
  }
}

export function bare(w: string): string {
  return w.length > 1 && w.endsWith('.') ? w.slice(0, -1) : w;
}
