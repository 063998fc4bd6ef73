/**
 * Remembers the last few results of a pure function of immutable arguments, compared by
 * identity. Derived data (the filtered, sorted rows of a document) is asked for by several
 * components and by store actions with the same document and filters; this computes it once.
 */
export function memoizeRecent<Args extends readonly unknown[], Result>(
  compute: (...args: Args) => Result,
  size = 4,
): (...args: Args) => Result {
  const recent: { args: Args; result: Result }[] = [];
  return (...args: Args): Result => {
    const hit = recent.findIndex(
      (entry) =>
        entry.args.length === args.length && entry.args.every((arg, i) => Object.is(arg, args[i])),
    );
    if (hit >= 0) {
      const entry = recent[hit]!;
      if (hit > 0) {
        recent.splice(hit, 1);
        recent.unshift(entry);
      }
      return entry.result;
    }
    const result = compute(...args);
    recent.unshift({ args, result });
    if (recent.length > size) recent.pop();
    return result;
  };
}

/** One result per object (a document), dropped with it. */
export function memoizePerObject<Key extends object, Result>(
  compute: (key: Key) => Result,
): (key: Key) => Result {
  const cache = new WeakMap<Key, Result>();
  return (key: Key): Result => {
    if (cache.has(key)) return cache.get(key)!;
    const result = compute(key);
    cache.set(key, result);
    return result;
  };
}
