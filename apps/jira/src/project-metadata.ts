import type { JiraApi } from './upstream/jira.ts';

const MAX_TYPES = 10;

/**
 * A project's metadata as Markdown: each issue type with the statuses of its workflow, and the fields JiraApi's
 * create screen requires for it (what create_issue checks before it calls). Custom fields are named as people
 * see them, with their id, since create_issue takes them by name.
 */
export async function projectMetadata(jira: JiraApi, project: string, signal: AbortSignal): Promise<string> {
  const [statuses, types] = await Promise.all([
    jira.statuses(project, signal),
    jira.createMetaIssueTypes(project, signal),
  ]);
  const createTypes = [...(types.issueTypes ?? []), ...(types.createMetaIssueType ?? [])].slice(0, MAX_TYPES);
  const sections = await Promise.all(
    createTypes.map(async (type) => {
      const meta = type.id ? await jira.createMetaFields(project, type.id, signal) : { fields: [] };
      const fields = [...(meta.fields ?? []), ...(meta.results ?? [])];
      const required = fields.filter((f) => f.required && !f.hasDefaultValue).map((f) => f.name);
      const optional = fields
        .filter((f) => !f.required || f.hasDefaultValue)
        .map((f) => `${f.name} (${f.key})`);
      const workflow = statuses.find((s) => s.id === type.id)?.statuses.map((s) => s.name) ?? [];
      return [
        `## ${type.name}`,
        `Statuses: ${workflow.join(', ') || 'unknown'}`,
        `Required to create: ${required.join(', ') || 'none'}`,
        `Other fields: ${optional.join(', ') || 'none'}`,
      ].join('\n');
    }),
  );
  return `# Project ${project}\n\n${sections.join('\n\n')}\n`;
}
