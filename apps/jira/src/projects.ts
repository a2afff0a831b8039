import type { Boundary } from '@gatehouse/kit';
import { z } from 'zod';
import { ENV } from './config.ts';

/*
 * GATEHOUSE_JIRA_PROJECTS as kit policy: a server boundary every role is intersected with. A call's target is
 * `jira:<PROJECT KEY>`, or `jira:*` for a search across every project the caller may reach (the tool then bounds
 * its JQL to those projects and checks each result again). Jira keys are case-insensitive: targets are uppercase.
 */

export const projectTarget = (key: string) => `jira:${key.toUpperCase()}`;
export const ANY_PROJECT = 'jira:*';

/** The project of an issue key (`API-12` -> `API`). */
export const projectOfKey = (issueKey: string) => (issueKey.split('-')[0] ?? '').toUpperCase();

export function projectBoundary(projects: readonly string[]): Boundary {
  return { setting: ENV.projects, allow: projects.map(projectTarget) };
}

export const projectKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{1,9}$/, 'expected a project key such as API')
  .transform((key) => key.toUpperCase())
  .describe('Project key, e.g. API');

export const issueKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{1,9}-[1-9]\d{0,8}$/, 'expected an issue key such as API-12')
  .transform((key) => key.toUpperCase())
  .describe('Issue key, e.g. API-12');

/** The projects of `configured` this caller may reach (its roles and the boundary), in order. */
export const reachableProjects = (configured: readonly string[], mayAccess: (target: string) => boolean) =>
  configured.filter((key) => mayAccess(projectTarget(key)));
