// A deliberately light English stemmer: plurals, -ing and -ed only (Porter's step 1 and a trailing-e rule).
// Heavier stemmers merge words a reader would keep apart ("general"/"generate"); these rules only fold the
// inflections people actually mix between a query and a document ("migrations"/"migration", "locking"/"lock").

/** Words whose -ed or -s is part of the word, not an inflection. */
const KEEP = new Set(['embed', 'shred', 'bred', 'sled', 'shed', 'always', 'perhaps', 'whereas', 'sometimes']);

const isVowelAt = (w: string, i: number): boolean => {
  const c = w.charCodeAt(i);
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return true;
  // 'y' is a vowel after a consonant ("system"), a consonant at the start or after a vowel ("yes", "play").
  return c === 121 && i > 0 && !isVowelAt(w, i - 1);
};

const hasVowel = (w: string): boolean => {
  for (let i = 0; i < w.length; i++) if (isVowelAt(w, i)) return true;
  return false;
};

/** Porter's measure: how many vowel-consonant sequences the stem has. */
function measure(w: string): number {
  let m = 0;
  let i = 0;
  while (i < w.length && !isVowelAt(w, i)) i++;
  while (i < w.length) {
    while (i < w.length && isVowelAt(w, i)) i++;
    if (i >= w.length) break;
    while (i < w.length && !isVowelAt(w, i)) i++;
    m++;
  }
  return m;
}

/** consonant-vowel-consonant at the end, the last not w, x or y ("hop", "tim"): the stem lost an 'e'. */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  const last = w.charCodeAt(n - 1);
  if (last === 119 || last === 120 || last === 121) return false;
  return !isVowelAt(w, n - 1) && isVowelAt(w, n - 2) && !isVowelAt(w, n - 3);
}

/** After removing -ing/-ed: "runn" -> "run", "tim" -> "time", "lock" stays. */
function repairStem(s: string): string {
  const n = s.length;
  const last = s[n - 1];
  if (n >= 2 && last === s[n - 2] && !isVowelAt(s, n - 1) && last !== 'l' && last !== 's' && last !== 'z') {
    return s.slice(0, -1);
  }
  if (measure(s) === 1 && endsCvc(s)) return s + 'e';
  return s;
}

const isLowerAsciiWord = (w: string): boolean => {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
};

/** The stem of a lowercase word; words with digits or non-ASCII letters, and short words, are returned as is. */
export function stem(word: string): string {
  if (word.length < 4 || !isLowerAsciiWord(word) || KEEP.has(word)) return word;
  let w = word;
  const n = w.length;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = n > 4 ? w.slice(0, -3) + 'y' : w.slice(0, -1);
  else if (n >= 5 && (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes'))) w = w.slice(0, -2);
  else if (n >= 6 && w.endsWith('ses') && !w.endsWith('uses')) w = w.slice(0, -2);
  else if (
    w.endsWith('s') &&
    !w.endsWith('ss') &&
    !w.endsWith('us') &&
    !w.endsWith('is') &&
    !w.endsWith('ias')
  ) {
    w = w.slice(0, -1);
  }

  if (w.length >= 6 && w.endsWith('ing')) {
    const s = w.slice(0, -3);
    if (hasVowel(s)) w = repairStem(s);
  } else if (w.length >= 5 && w.endsWith('ied')) {
    w = w.slice(0, -3) + 'y';
  } else if (w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed') && !KEEP.has(w)) {
    const s = w.slice(0, -2);
    if (hasVowel(s)) w = repairStem(s);
  }

  // "cache"/"caching"/"caches" all end as "cach"; short words ("node", "time") keep their 'e'.
  if (w.length >= 5 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}
