import { type FilterValues, filterValues, matchesFilters, metaFilters } from './filters.ts';
import { ensureSize } from './grow.ts';
import { type Lexicon, parseQuery, planQuery } from './query.ts';
import { idealScore, Scorer } from './scorer.ts';
import { makeSnippet, type SnippetTerms, snippetTerms } from './snippet.ts';
import { FIELD_WEIGHT, TermCounter } from './term-counter.ts';
import type { IndexStats, ParsedDoc, SearchHit, SearchOptions, Section } from './types.ts';
import { Vocabulary } from './vocabulary.ts';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

interface DocEntry {
  collection: number;
  path: string;
  title: string;
  meta: Record<string, unknown>;
  filter: FilterValues;
  sections: number[];
}

interface SectionEntry {
  anchor: string;
  level: number;
  titlePath: string[];
  text: string;
}

interface CollectionEntry {
  name: string;
  sections: number;
  bodyLength: number;
  /** Sections of this collection per term id, for statistics limited to the collections a caller may read. */
  df: Int32Array;
}

/**
 * Sections of documents, searchable with BM25 over the body plus weighted heading-like fields (see Scorer): the
 * document title and the section's headings weigh more than its body, tags and service like headings.
 * Documents are added, replaced and removed while searches run.
 *
 * Postings are per term, flat arrays of (section id, packed counts). A removed section is marked dead and
 * skipped, and its postings are compacted away once they are a third of all postings; its id is reused only
 * after that, so no posting ever points at the wrong section.
 */
export class SearchIndex {
  readonly #vocab = new Vocabulary();
  readonly #counter = new TermCounter(this.#vocab);
  readonly #postings: number[][] = [];
  #df = new Int32Array(1024);
  #liveTerms = 0;
  #livePostings = 0;
  #deadPostings = 0;

  readonly #docIds = new Map<string, number>();
  readonly #docs: (DocEntry | undefined)[] = [];
  readonly #freeDocs: number[] = [];

  readonly #sections: (SectionEntry | undefined)[] = [];
  readonly #sectionTerms: (Int32Array | undefined)[] = [];
  #sectionDoc = new Int32Array(1024).fill(-1);
  #sectionLength = new Int32Array(1024);
  readonly #freeSections: number[] = [];
  #deadSections: number[] = [];
  #liveSections = 0;

  readonly #collections: CollectionEntry[] = [];

  readonly #scorer = new Scorer();
  #docAllowed = new Uint8Array(64);

  upsert(collection: string, doc: ParsedDoc): void {
    const key = `${collection}\0${doc.path}`;
    const existing = this.#docIds.get(key);
    if (existing !== undefined) this.#removeDoc(existing);
    const c = this.#collectionId(collection);
    const coll = this.#collections[c]!;
    const docId = this.#freeDocs.pop() ?? this.#docs.length;
    const entry: DocEntry = {
      collection: c,
      path: doc.path,
      title: doc.title,
      meta: doc.meta,
      filter: filterValues(doc.meta),
      sections: [],
    };
    this.#docs[docId] = entry;
    this.#docIds.set(key, docId);

    const counter = this.#counter;
    counter.addField(doc.title, FIELD_WEIGHT.title);
    counter.addField(doc.path, FIELD_WEIGHT.path);
    for (const value of [...entry.filter.tags, ...entry.filter.service])
      counter.addField(value, FIELD_WEIGHT.meta);
    const shared = counter.takeFields();

    // A document with no sections is still findable by its title and path.
    const sections: readonly Pick<Section, 'anchor' | 'heading' | 'level' | 'titlePath' | 'text'>[] =
      doc.sections.length > 0
        ? doc.sections
        : [{ anchor: '', heading: '', level: 0, titlePath: [], text: '' }];
    for (const section of sections) {
      const sid = this.#newSection(docId);
      for (let i = 0; i < shared.length; i += 2) counter.addFieldTerm(shared[i]!, shared[i + 1]!);
      const path = section.titlePath;
      for (let i = 0; i < path.length - 1; i++) counter.addField(path[i]!, FIELD_WEIGHT.ancestor);
      counter.addField(section.heading, FIELD_WEIGHT.heading);
      counter.addBody(section.text);
      this.#sectionLength[sid] = counter.bodyLength;
      coll.bodyLength += counter.bodyLength;
      coll.sections++;
      this.#growTerms();
      coll.df = ensureSize(coll.df, this.#vocab.size);
      const terms = new Int32Array(counter.touched.length);
      let k = 0;
      counter.take((id, packed) => {
        terms[k++] = id;
        this.#postings[id]!.push(sid, packed);
        if (this.#df[id]!++ === 0) this.#liveTerms++;
        coll.df[id]!++;
      });
      this.#sectionTerms[sid] = terms;
      this.#livePostings += terms.length;
      this.#sections[sid] = {
        anchor: section.anchor,
        level: section.level,
        titlePath: section.titlePath,
        text: section.text,
      };
      entry.sections.push(sid);
    }
    this.#maybeCompact();
  }

  remove(collection: string, path: string): void {
    const docId = this.#docIds.get(`${collection}\0${path}`);
    if (docId === undefined) return;
    this.#removeDoc(docId);
    this.#maybeCompact();
  }

  stats(): IndexStats {
    return { documents: this.#docIds.size, sections: this.#liveSections, terms: this.#liveTerms };
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(
      1,
      Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT),
    );
    const scope = this.#scope(options);
    if (!scope) return [];
    const { collections, restricted } = scope;
    let sectionCount = 0;
    let bodyLength = 0;
    for (const c of collections) {
      sectionCount += this.#collections[c]!.sections;
      bodyLength += this.#collections[c]!.bodyLength;
    }
    if (sectionCount === 0) return [];
    const lexicon = this.#lexicon(collections, restricted);
    const groups = planQuery(query, lexicon);
    if (groups.length === 0) return [];

    const ranked = this.#scorer.rank(
      groups,
      lexicon,
      {
        lists: this.#postings,
        sectionDoc: this.#sectionDoc,
        sectionLength: this.#sectionLength,
        docAllowed: restricted ? this.#docAllowed : undefined,
        sections: sectionCount,
        avgLength: bodyLength / sectionCount,
      },
      limit,
    );
    const terms = snippetTerms(groups.flatMap((g) => g.expansions.map((e) => this.#vocab.term(e.id))));
    const ideal = idealScore(parseQuery(query), lexicon, sectionCount);
    return ranked.map(([sid, score]) => this.#hit(sid, score, score / ideal, terms));
  }

  #hit(sid: number, score: number, relevance: number, terms: SnippetTerms): SearchHit {
    const section = this.#sections[sid]!;
    const doc = this.#docs[this.#sectionDoc[sid]!]!;
    return {
      collection: this.#collections[doc.collection]!.name,
      path: doc.path,
      title: doc.title,
      anchor: section.anchor,
      titlePath: [...section.titlePath],
      snippet: makeSnippet(this.#snippetSource(doc, sid), terms),
      score: Math.round(score * 1000) / 1000,
      relevance: Math.round(relevance * 1000) / 1000,
      meta: doc.meta,
    };
  }

  /** The section's text; for a heading with no text of its own ("# Runbook" right above "## Summary"), that of
   *  its first subsection with some, since reading the section shows its subsections too. */
  #snippetSource(doc: DocEntry, sid: number): string {
    const section = this.#sections[sid]!;
    if (section.text.trim() !== '') return section.text;
    for (let i = doc.sections.indexOf(sid) + 1; i < doc.sections.length; i++) {
      const next = this.#sections[doc.sections[i]!]!;
      if (next.level <= section.level) break;
      if (next.text.trim() !== '') return next.text;
    }
    return '';
  }

  /** The collections searched, and whether documents must be checked one by one (filters or a subset). */
  #scope(options: SearchOptions): { collections: number[]; restricted: boolean } | undefined {
    const readable = options.collections ? new Set(options.collections) : undefined;
    const wanted = options.filters?.collection?.trim().toLowerCase();
    const collections: number[] = [];
    this.#collections.forEach((c, i) => {
      if (readable && !readable.has(c.name)) return;
      if (wanted !== undefined && c.name.toLowerCase() !== wanted) return;
      collections.push(i);
    });
    if (collections.length === 0) return undefined;
    const meta = metaFilters(options.filters);
    const restricted = meta !== undefined || collections.length < this.#collections.length;
    if (restricted) {
      const allowed = new Set(collections);
      this.#docAllowed = ensureSize(this.#docAllowed, this.#docs.length);
      this.#docs.forEach((doc, i) => {
        const ok =
          doc !== undefined && allowed.has(doc.collection) && (!meta || matchesFilters(doc.filter, meta));
        this.#docAllowed[i] = ok ? 1 : 0;
      });
    }
    return { collections, restricted };
  }

  /** Term lookups with document frequencies counted over the searched collections only. */
  #lexicon(collections: number[], restricted: boolean): Lexicon {
    const vocab = this.#vocab;
    const all = collections.length === this.#collections.length;
    const dfs = collections.map((c) => this.#collections[c]!.df);
    const df = all || !restricted ? (id: number) => this.#df[id] ?? 0 : (id: number) => sumDf(dfs, id);
    return {
      id: (term) => vocab.id(term),
      df,
      withPrefix: (prefix, visit) => vocab.withPrefix(prefix, visit),
      near: (term, maxDistance, visit) => vocab.near(term, maxDistance, visit),
    };
  }

  #collectionId(name: string): number {
    const i = this.#collections.findIndex((c) => c.name === name);
    if (i >= 0) return i;
    this.#collections.push({ name, sections: 0, bodyLength: 0, df: new Int32Array(this.#vocab.size) });
    return this.#collections.length - 1;
  }

  #newSection(docId: number): number {
    const sid = this.#freeSections.pop() ?? this.#sections.length;
    if (sid >= this.#sections.length) this.#sections.push(undefined);
    if (sid >= this.#sectionDoc.length) {
      const size = sid + 1;
      this.#sectionDoc = ensureSize(this.#sectionDoc, size, -1);
      this.#sectionLength = ensureSize(this.#sectionLength, size);
      this.#scorer.ensure(size);
    }
    this.#sectionDoc[sid] = docId;
    this.#liveSections++;
    return sid;
  }

  #growTerms(): void {
    const size = this.#vocab.size;
    while (this.#postings.length < size) this.#postings.push([]);
    this.#df = ensureSize(this.#df, size);
  }

  #removeDoc(docId: number): void {
    const doc = this.#docs[docId]!;
    const coll = this.#collections[doc.collection]!;
    for (const sid of doc.sections) {
      const terms = this.#sectionTerms[sid]!;
      for (const id of terms) {
        if (--this.#df[id]! === 0) this.#liveTerms--;
        coll.df[id]!--;
      }
      coll.sections--;
      coll.bodyLength -= this.#sectionLength[sid]!;
      this.#sectionDoc[sid] = -1;
      this.#sections[sid] = undefined;
      this.#sectionTerms[sid] = undefined;
      this.#deadSections.push(sid);
      this.#livePostings -= terms.length;
      this.#deadPostings += terms.length;
      this.#liveSections--;
    }
    this.#docs[docId] = undefined;
    this.#freeDocs.push(docId);
    this.#docIds.delete(`${coll.name}\0${doc.path}`);
  }

  #maybeCompact(): void {
    if (this.#deadPostings < 4096 || this.#deadPostings * 2 < this.#livePostings) return;
    const sectionDoc = this.#sectionDoc;
    for (const postings of this.#postings) {
      let w = 0;
      for (let i = 0; i < postings.length; i += 2) {
        if (sectionDoc[postings[i]!]! < 0) continue;
        postings[w++] = postings[i]!;
        postings[w++] = postings[i + 1]!;
      }
      postings.length = w;
    }
    for (const sid of this.#deadSections) this.#freeSections.push(sid);
    this.#deadSections = [];
    this.#deadPostings = 0;
  }
}

function sumDf(dfs: Int32Array[], id: number): number {
  let total = 0;
  for (const df of dfs) total += df[id] ?? 0;
  return total;
}
