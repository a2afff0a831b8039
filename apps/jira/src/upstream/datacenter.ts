import { ErrorCode, ToolError } from '@gatehouse/kit';
import type {
  Comment,
  CreatedIssue,
  Issue,
  IssueTypeWithStatus,
  PageOfComments,
  PageOfCreateMetaIssueTypes,
  PageOfCreateMetaIssueTypeWithField,
  PageProject,
  Project,
  RemoteIssueLink,
  SearchAndReconcileResults,
  Transitions,
} from 'jira.js/cloud';
import { type AdfDoc, isAdfDoc } from '../adf/types.ts';
import { adfToWiki } from '../wiki/from-adf.ts';
import { wikiToAdf } from '../wiki/to-adf.ts';
import type { ClientFor } from './client.ts';
import { JiraErrorCode, toToolError } from './errors.ts';
import { ISSUE_FIELDS, Jira, type JiraApi, SEARCH_FIELDS } from './jira.ts';

/*
 * The adapter to Jira Data Center / Server (8.14+) through its REST v2 API, as Atlassian's Data Center REST
 * reference describes it: the same resources as Cloud under /rest/api/2, with rich text as wiki markup strings,
 * `startAt` paging for search, users by `name` (no account ids), create metadata as `values` pages (8.4+), and no
 * project search (each allowed project is read by key). It answers in the Cloud shapes the tools read, so every
 * tool, boundary check and answer shape is the same on both editions: wiki markup becomes ADF on the way in, ADF
 * becomes wiki markup on the way out (what wiki markup cannot hold is refused, never dropped).
 */

const API = '/rest/api/2';

/** A v2 `values` page (create metadata, 8.4+). */
interface ValuesPage<T> {
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
  values?: T[];
}

interface DcComment extends Omit<Comment, 'body' | 'created' | 'updated'> {
  body?: string;
  created?: string;
  updated?: string;
}

interface DcSearch {
  startAt?: number;
  maxResults?: number;
  total?: number;
  issues?: Issue[];
}

interface DcField {
  fieldId: string;
  name: string;
  required: boolean;
  hasDefaultValue?: boolean;
  operations?: string[];
  schema?: Record<string, unknown>;
}

const PAGE_TOKEN = /^startAt:(\d{1,7})$/;

/** Wiki markup from Jira as the ADF the tools read. */
const adfOfWiki = (value: unknown): AdfDoc | null =>
  typeof value === 'string' && value !== '' ? wikiToAdf(value) : null;

/** A document for Jira as wiki markup, refused when wiki markup cannot hold all of it. */
function wikiOf(doc: AdfDoc, field: string): string {
  const { wiki, unsupported } = adfToWiki(doc);
  if (unsupported.length > 0)
    throw new ToolError(
      JiraErrorCode.UnsupportedMarkdown,
      `${field}: Jira Data Center's wiki markup cannot hold ${unsupported.join(', ')}; write it more simply.`,
      { details: { field, unsupported } },
    );
  return wiki;
}

function issueOf(issue: Issue): Issue {
  const fields = issue.fields as Record<string, unknown> | undefined;
  if (!fields || !('description' in fields)) return issue;
  return { ...issue, fields: { ...fields, description: adfOfWiki(fields.description) } };
}

function commentOf(comment: DcComment): Comment {
  const { body, created, updated, ...rest } = comment;
  return {
    ...rest,
    ...(body !== undefined ? { body: adfOfWiki(body) ?? { type: 'doc', version: 1, content: [] } } : {}),
    ...(created ? { created: new Date(created) } : {}),
    ...(updated ? { updated: new Date(updated) } : {}),
  };
}

export class JiraDataCenter implements JiraApi {
  readonly #client: ClientFor;
  /** Jira Software's agile REST API is the same on both editions. */
  readonly #agile: Jira;

  constructor(client: ClientFor) {
    this.#client = client;
    this.#agile = new Jira(client);
  }

  async #call<T>(
    what: string,
    signal: AbortSignal,
    request: {
      url: string;
      method?: 'GET' | 'POST' | 'PUT';
      searchParams?: Record<string, unknown>;
      body?: unknown;
    },
  ): Promise<T> {
    try {
      return await this.#client(signal).sendRequest<T>({ method: 'GET', ...request });
    } catch (error) {
      throw toToolError(error, what);
    }
  }

  async search(
    jql: string,
    page: { maxResults: number; nextPageToken?: string | undefined },
    signal: AbortSignal,
    fields: string[] = SEARCH_FIELDS,
  ): Promise<SearchAndReconcileResults> {
    const token = page.nextPageToken === undefined ? undefined : PAGE_TOKEN.exec(page.nextPageToken);
    if (token === null)
      throw new ToolError(ErrorCode.InvalidInput, 'pageToken: not a page token this server gave out.', {
        details: { field: 'pageToken' },
      });
    const startAt = Number(token?.[1] ?? 0);
    const found = await this.#call<DcSearch>('searching issues', signal, {
      url: `${API}/search`,
      searchParams: { jql, startAt, maxResults: page.maxResults, fields: fields.join(',') },
    });
    const issues = (found.issues ?? []).map(issueOf);
    const next = startAt + issues.length;
    const more = issues.length > 0 && next < (found.total ?? 0);
    return { issues, isLast: !more, ...(more ? { nextPageToken: `startAt:${next}` } : {}) };
  }

  sprint(sprintId: number, signal: AbortSignal) {
    return this.#agile.sprint(sprintId, signal);
  }

  activeSprint(boardId: number, signal: AbortSignal) {
    return this.#agile.activeSprint(boardId, signal);
  }

  async getIssue(key: string, signal: AbortSignal, fields: string[] = [...ISSUE_FIELDS, 'description']) {
    const issue = await this.#call<Issue>(`reading ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}`,
      searchParams: { fields: fields.join(',') },
    });
    return issueOf(issue);
  }

  async comments(
    key: string,
    page: { startAt: number; maxResults: number; newestFirst?: boolean },
    signal: AbortSignal,
  ): Promise<PageOfComments> {
    const found = await this.#call<Omit<PageOfComments, 'comments'> & { comments?: DcComment[] }>(
      `reading the comments of ${key}`,
      signal,
      {
        url: `${API}/issue/${encodeURIComponent(key)}/comment`,
        searchParams: {
          startAt: page.startAt,
          maxResults: page.maxResults,
          orderBy: page.newestFirst ? '-created' : 'created',
        },
      },
    );
    return { ...found, comments: (found.comments ?? []).map(commentOf) };
  }

  async remoteLinks(key: string, signal: AbortSignal): Promise<RemoteIssueLink[]> {
    const links = await this.#call<RemoteIssueLink[]>(`reading the links of ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}/remotelink`,
    });
    return Array.isArray(links) ? links : [];
  }

  /** Data Center has no project search: each allowed project is read by key, one missing is left out. */
  async projects(
    keys: readonly string[],
    page: { startAt: number; maxResults: number },
    signal: AbortSignal,
  ): Promise<PageProject> {
    const wanted = keys.slice(page.startAt, page.startAt + page.maxResults);
    const found = await Promise.all(
      wanted.map((key) =>
        this.#call<Project>('listing projects', signal, {
          url: `${API}/project/${encodeURIComponent(key)}`,
        }).catch((error: unknown) => {
          if (error instanceof ToolError && error.code === ErrorCode.NotFound) return undefined;
          throw error;
        }),
      ),
    );
    const values = found.filter((p): p is Project => p !== undefined);
    return {
      startAt: page.startAt,
      maxResults: page.maxResults,
      total: keys.length,
      isLast: page.startAt + page.maxResults >= keys.length,
      values,
    };
  }

  statuses(project: string, signal: AbortSignal) {
    return this.#call<IssueTypeWithStatus[]>(`reading the statuses of ${project}`, signal, {
      url: `${API}/project/${encodeURIComponent(project)}/statuses`,
    });
  }

  transitions(key: string, signal: AbortSignal) {
    return this.#call<Transitions>(`reading the transitions of ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}/transitions`,
    });
  }

  async transition(key: string, transitionId: string, signal: AbortSignal) {
    await this.#call<unknown>(`transitioning ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}/transitions`,
      method: 'POST',
      body: { transition: { id: transitionId } },
    });
  }

  async addComment(key: string, body: AdfDoc, signal: AbortSignal): Promise<Comment> {
    const wiki = wikiOf(body, 'body');
    const comment = await this.#call<DcComment>(`commenting on ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}/comment`,
      method: 'POST',
      body: { body: wiki },
    });
    return commentOf(comment);
  }

  async createMetaIssueTypes(project: string, signal: AbortSignal): Promise<PageOfCreateMetaIssueTypes> {
    const page = await this.#call<ValuesPage<NonNullable<PageOfCreateMetaIssueTypes['issueTypes']>[number]>>(
      `reading the issue types of ${project}`,
      signal,
      {
        url: `${API}/issue/createmeta/${encodeURIComponent(project)}/issuetypes`,
        searchParams: { maxResults: 50 },
      },
    );
    return {
      startAt: page.startAt,
      maxResults: page.maxResults,
      total: page.total,
      issueTypes: page.values ?? [],
    };
  }

  async createMetaFields(
    project: string,
    issueTypeId: string,
    signal: AbortSignal,
  ): Promise<PageOfCreateMetaIssueTypeWithField> {
    const page = await this.#call<ValuesPage<DcField>>(`reading the fields of ${project}`, signal, {
      url: `${API}/issue/createmeta/${encodeURIComponent(project)}/issuetypes/${encodeURIComponent(issueTypeId)}`,
      searchParams: { maxResults: 200 },
    });
    // v2 names a field by `fieldId` only; the tools look fields up by `key`, as Cloud sends it.
    const fields = (page.values ?? []).map((f) => ({
      ...f,
      key: f.fieldId,
      operations: f.operations ?? [],
      schema: (f.schema ?? { type: 'any' }) as { type: string },
    }));
    return { startAt: page.startAt, maxResults: page.maxResults, total: page.total, fields };
  }

  createIssue(fields: Record<string, unknown>, signal: AbortSignal) {
    return this.#call<CreatedIssue>('creating the issue', signal, {
      url: `${API}/issue`,
      method: 'POST',
      body: { fields: wikiFields(fields) },
    });
  }

  async editIssue(key: string, fields: Record<string, unknown>, signal: AbortSignal) {
    await this.#call<unknown>(`updating ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}`,
      method: 'PUT',
      body: { fields: wikiFields(fields) },
    });
  }

  /** Data Center assigns by username (`name`); `null` unassigns. */
  async assign(key: string, username: string | null, signal: AbortSignal) {
    await this.#call<unknown>(`assigning ${key}`, signal, {
      url: `${API}/issue/${encodeURIComponent(key)}/assignee`,
      method: 'PUT',
      body: { name: username },
    });
  }
}

/** Rich-text field values (ADF from the tools) as wiki markup; every other value as it is. */
function wikiFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, isAdfDoc(value) ? wikiOf(value, name) : value]),
  );
}
