import { ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { JiraAccess } from '../access.ts';
import { markdownToAdf } from '../adf/from-markdown.ts';
import { issueKey, projectKey, projectOfKey, projectTarget } from '../projects.ts';
import { JiraErrorCode } from '../upstream/errors.ts';
import { checkIssueProjects } from './read.ts';
import { BY_JIRA, jiraTool } from './shared.ts';

const markdown = (max: number) => z.string().min(1).max(max).describe('Markdown');

/** Markdown as ADF, or a refusal naming what ADF cannot take (nothing is dropped silently). */
function adfOf(text: string, field: string) {
  const { doc, unsupported } = markdownToAdf(text);
  if (unsupported.length > 0)
    throw new ToolError(
      JiraErrorCode.UnsupportedMarkdown,
      `${field}: Jira text cannot hold ${unsupported.join(', ')} from Markdown; link it instead (e.g. [diagram](https://…)).`,
      { details: { field, unsupported } },
    );
  return doc;
}

const issueTarget = ({ key }: { key: string }) => projectTarget(projectOfKey(key));

/** The issue as Jira has it now, refused if it moved out of the caller's reach since the key was checked. */
async function currentIssue(
  access: JiraAccess,
  key: string,
  ctx: Parameters<typeof checkIssueProjects>[1] & { signal: AbortSignal },
) {
  const issue = await access.get().getIssue(key, ctx.signal, ['project', 'status']);
  checkIssueProjects(issue, ctx);
  return issue;
}

export function writeTools(access: JiraAccess) {
  return [
    jiraTool({
      name: 'add_comment',
      title: 'Comment on an issue',
      description: "Add a Markdown comment to an issue. Needs a person's approval.",
      version: '1.0.1',
      access: 'write',
      target: issueTarget,
      input: z.object({ key: issueKey, body: markdown(20_000) }),
      output: z.object({ key: z.string(), commentId: z.string() }),
      trusted: { key: BY_JIRA.key, commentId: BY_JIRA.id },
      async handler({ key, body }, ctx) {
        const doc = adfOf(body, 'body');
        await currentIssue(access, key, ctx);
        const comment = await access.get().addComment(key, doc, ctx.signal);
        return { key, commentId: comment.id ?? '' };
      },
    }),
    jiraTool({
      name: 'transition_issue',
      title: 'Move an issue',
      description: "Move an issue to a status (or by transition name). Needs a person's approval.",
      version: '1.0.1',
      access: 'write',
      target: issueTarget,
      input: z.object({ key: issueKey, to: z.string().min(1).max(60).describe('Status or transition name') }),
      output: z.object({ key: z.string(), status: z.string() }),
      untrusted: ['status'],
      trusted: { key: BY_JIRA.key },
      async handler({ key, to }, ctx) {
        const jira = access.get();
        await currentIssue(access, key, ctx);
        const { transitions = [] } = await jira.transitions(key, ctx.signal);
        const wanted = to.trim().toLowerCase();
        const match =
          transitions.find((t) => t.to?.name?.toLowerCase() === wanted) ??
          transitions.find((t) => t.name?.toLowerCase() === wanted);
        if (!match?.id) {
          const offered = transitions.map((t) => `${t.name} → ${t.to?.name}`);
          throw new ToolError(
            JiraErrorCode.UnknownTransition,
            `to: ${key} cannot move to "${to}" from its current status; it can: ${offered.join('; ') || 'nothing'}.`,
            { details: { field: 'to', offered } },
          );
        }
        await jira.transition(key, match.id, ctx.signal);
        return { key, status: match.to?.name ?? to };
      },
    }),
    jiraTool({
      name: 'create_issue',
      title: 'Create an issue',
      description: "Create an issue. Needs a person's approval.",
      version: '1.0.2',
      access: 'write',
      target: ({ project }) => projectTarget(project),
      input: z.object({
        project: projectKey,
        type: z.string().min(1).max(60).describe('Issue type, e.g. Task'),
        summary: z.string().min(1).max(255),
        description: markdown(30_000).optional(),
        labels: z
          .array(z.string().regex(/^\S{1,255}$/))
          .max(20)
          .optional(),
        fields: z
          .record(z.string().min(1).max(60), z.union([z.string().max(2000), z.number()]))
          .optional()
          .describe('Other fields by name'),
      }),
      output: z.object({ key: z.string() }),
      trusted: { key: BY_JIRA.key },
      async handler(input, ctx) {
        const jira = access.get();
        const types = await jira.createMetaIssueTypes(input.project, ctx.signal);
        const all = [...(types.issueTypes ?? []), ...(types.createMetaIssueType ?? [])];
        const type = all.find((t) => t.name?.toLowerCase() === input.type.toLowerCase());
        if (!type?.id)
          throw new ToolError(
            ErrorCode.InvalidInput,
            `type: ${input.project} has no issue type "${input.type}"; it has ${all.map((t) => t.name).join(', ')}.`,
            {
              details: { field: 'type' },
            },
          );
        const meta = await jira.createMetaFields(input.project, type.id, ctx.signal);
        const known = [...(meta.fields ?? []), ...(meta.results ?? [])];
        const fields: Record<string, unknown> = {
          project: { key: input.project },
          issuetype: { id: type.id },
          summary: input.summary,
          ...(input.description ? { description: adfOf(input.description, 'description') } : {}),
          ...(input.labels ? { labels: input.labels } : {}),
        };
        for (const [name, value] of Object.entries(input.fields ?? {})) {
          const field = known.find((f) => f.name.toLowerCase() === name.toLowerCase() || f.key === name);
          if (!field)
            throw new ToolError(
              ErrorCode.InvalidInput,
              `fields.${name}: ${input.project} ${type.name} has no such field.`,
              {
                details: { field: `fields.${name}` },
              },
            );
          fields[field.key] = value;
        }
        // Jira's create screen says which fields are required: checked before the call, named by their names.
        const missing = known.filter((f) => f.required && !f.hasDefaultValue && fields[f.key] === undefined);
        if (missing.length > 0)
          throw new ToolError(
            JiraErrorCode.MissingFields,
            `fields: ${input.project} ${type.name} also needs ${missing.map((f) => `"${f.name}"`).join(', ')}.`,
            { details: { field: 'fields', missing: missing.map((f) => f.name) } },
          );
        const created = await jira.createIssue(fields, ctx.signal);
        return { key: created.key };
      },
    }),
    jiraTool({
      name: 'update_issue',
      title: 'Update an issue',
      description: "Change an issue's summary, description, labels or priority. Needs a person's approval.",
      version: '1.0.1',
      access: 'write',
      target: issueTarget,
      input: z.object({
        key: issueKey,
        summary: z.string().min(1).max(255).optional(),
        description: markdown(30_000).optional(),
        labels: z
          .array(z.string().regex(/^\S{1,255}$/))
          .max(20)
          .optional(),
        priority: z.string().min(1).max(60).optional(),
      }),
      output: z.object({ key: z.string(), updated: z.array(z.string()) }),
      trusted: { key: BY_JIRA.key, 'updated.*': 'field names from this tool' },
      async handler({ key, summary, description, labels, priority }, ctx) {
        const fields: Record<string, unknown> = {
          ...(summary ? { summary } : {}),
          ...(description ? { description: adfOf(description, 'description') } : {}),
          ...(labels ? { labels } : {}),
          ...(priority ? { priority: { name: priority } } : {}),
        };
        if (Object.keys(fields).length === 0)
          throw new ToolError(
            ErrorCode.InvalidInput,
            'Name at least one of summary, description, labels, priority.',
          );
        await currentIssue(access, key, ctx);
        await access.get().editIssue(key, fields, ctx.signal);
        return { key, updated: Object.keys(fields) };
      },
    }),
    jiraTool({
      name: 'assign_issue',
      title: 'Assign an issue',
      description:
        "Assign an issue to a person (account id; Data Center: username). Needs a person's approval.",
      version: '2.0.0',
      access: 'write',
      target: issueTarget,
      input: z.object({ key: issueKey, accountId: z.string().regex(/^[\w.@+:-]{1,128}$/) }),
      output: z.object({ key: z.string(), accountId: z.string() }),
      trusted: { key: BY_JIRA.key, accountId: 'the account id this call named' },
      async handler({ key, accountId }, ctx) {
        await currentIssue(access, key, ctx);
        await access.get().assign(key, accountId, ctx.signal);
        return { key, accountId };
      },
    }),
  ];
}
