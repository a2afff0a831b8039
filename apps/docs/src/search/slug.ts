// GitHub's heading anchors (the github-slugger algorithm), so anchors we return match the ones people already
// link to from GitHub and from other documents.

const NOT_SLUG = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

/** GitHub-style slug: lowercase, punctuation removed (except '-' and '_'), each space a '-'. */
export function slugify(heading: string): string {
  return heading.toLowerCase().replace(NOT_SLUG, '').replace(/ /g, '-');
}

/** Slugs unique within one document: the second "Example" is "example-1", the third "example-2". */
export function createSlugger(): (heading: string) => string {
  const occurrences = new Map<string, number>();
  return (heading) => {
    const base = slugify(heading);
    let slug = base;
    while (occurrences.has(slug)) {
      const n = occurrences.get(base)! + 1;
      occurrences.set(base, n);
      slug = `${base}-${n}`;
    }
    occurrences.set(slug, 0);
    return slug;
  };
}
