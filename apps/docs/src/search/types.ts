export interface ParsedDoc {
  /** Collection-relative posix path, e.g. 'runbooks/disk-space-low.md'. */
  path: string;
  /** Front matter title, else the first heading, else the file name without extension. */
  title: string;
  /** Front matter, as the caller parsed it. */
  meta: Record<string, unknown>;
  sections: Section[];
  /** Relative links out, resolved against the document's folder to collection-relative posix paths. External
   *  URLs, links within the same page and paths leaving the collection are not included. */
  links: { target: string; anchor?: string; text: string }[];
}

export interface Section {
  /** GitHub-style slug of the heading, unique within the document ('' for the text before the first heading). */
  anchor: string;
  /** Heading text with inline Markdown removed ('' for the preamble). */
  heading: string;
  /** 1..6; 0 for the preamble. */
  level: number;
  /** Headings from the top of the document down to this one, e.g. ['Disk space low', 'Mitigation']. */
  titlePath: string[];
  /** The section's own Markdown body, up to the next heading of any level, without the heading line. */
  text: string;
  /** 1-based line range in the original file (front matter lines included), trailing blank lines excluded. */
  startLine: number;
  endLine: number;
}

export interface SearchFilters {
  collection?: string;
  type?: string;
  service?: string;
  /** Matches any of the front matter `tags`. */
  tag?: string;
  owner?: string;
}

export interface SearchOptions {
  filters?: SearchFilters;
  /** Default 10, at most 50. */
  limit?: number;
  /** The collections the caller may read; undefined = all. */
  collections?: readonly string[];
}

export interface SearchHit {
  collection: string;
  path: string;
  title: string;
  anchor: string;
  titlePath: string[];
  snippet: string;
  score: number;
  /**
   * The score as a share of what an ideal answer would get (see `idealScore`): about 1 or more when the
   * section's document names the query's words in its title, near 0 when it only mentions some of them.
   */
  relevance: number;
  meta: Record<string, unknown>;
}

export interface IndexStats {
  documents: number;
  sections: number;
  terms: number;
}
