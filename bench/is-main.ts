import { pathToFileURL } from 'node:url';

/** Whether the module at `moduleUrl` is the script node was started with (each bench runs alone or from run-all). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
