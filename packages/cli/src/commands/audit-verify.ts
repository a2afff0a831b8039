import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  type Anchors,
  AuditVerifier,
  addAnchors,
  auditRecordsToVerify,
  type Finding,
  parseAuditLine,
  type VerifyReport,
} from '@gatehouse/kit/operator';
import { parseCommand } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { DATABASE_URL_HELP, databaseUrl, withDatabase } from '../database.ts';
import { CommandFailure, ExitCode, UsageError } from '../errors.ts';
import { jsonLine } from '../output.ts';

export const AUDIT_VERIFY_HELP = `Usage: gatehouse audit verify [--database-url <url> | --file <log>...] [--anchors <log>...] [--json]

Walks the hash chains of the audit log (one chain per server process) and reports every record that was
deleted, inserted, edited or moved, saying where: the stream, the seq, and the row id or file:line.

  gatehouse audit verify                         the Gatehouse PostgreSQL store (gatehouse.audit_log)
  gatehouse audit verify --file audit.jsonl      audit log files (GATEHOUSE_AUDIT_LOG), oldest file first
  ... --anchors server.log                       also check against heads kept elsewhere: lines with stream,
                                                 seq and hash (the servers' "audit chain head" log lines, or a
                                                 copy of the audit log); this is what finds a cut-off tail

Exit codes: 0 every chain intact (notices, such as a write still running, do not count), 1 a chain is broken
or the store cannot be read, 2 usage error.

Options:
${DATABASE_URL_HELP}
  --file <path>          an audit log file to verify instead of the database (repeatable)
  --anchors <path>       a log file holding anchors (repeatable)
  --json                 one JSON line per finding, then one with the summary
  -h, --help             this help`;

const OPTIONS = {
  'database-url': { type: 'string' },
  file: { type: 'string', multiple: true },
  anchors: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

export async function auditVerifyCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(argv, OPTIONS, AUDIT_VERIFY_HELP);
  if (values.help) {
    ctx.out(AUDIT_VERIFY_HELP);
    return ExitCode.ok;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`, AUDIT_VERIFY_HELP);
  }
  const files = values.file ?? [];
  if (files.length > 0 && values['database-url'] !== undefined) {
    throw new UsageError('--file and --database-url: verify one store at a time', AUDIT_VERIFY_HELP);
  }
  const anchors: Anchors = new Map();
  for (const path of values.anchors ?? []) {
    await eachLine(path, (line, at) => addAnchors(anchors, line, at));
  }
  const verifier = new AuditVerifier(anchors);
  if (files.length > 0) {
    let position = 0;
    for (const path of files) {
      // Unchained lines before a file's first chained one were written by an older build: legacy.
      let chained = false;
      await eachLine(path, (line, at) => {
        position++;
        let record: ReturnType<typeof parseAuditLine>;
        try {
          record = parseAuditLine(line);
        } catch (error) {
          return verifier.addUnreadable(at, (error as Error).message);
        }
        if (record) verifier.add({ record, at, position, legacy: record.hash === undefined && !chained });
        if (record?.hash !== undefined) chained = true;
      });
    }
  } else {
    const url = databaseUrl(values['database-url'], ctx, AUDIT_VERIFY_HELP);
    await withDatabase(url, async (db) => {
      try {
        for await (const input of auditRecordsToVerify(db.pool)) verifier.add(input);
      } catch (error) {
        throw db.failure(error, 'cannot read the audit log');
      }
    });
  }
  const report = verifier.finish();
  (values.json ? printJson : printText)(report, ctx);
  return report.ok ? ExitCode.ok : ExitCode.failure;
}

/** Calls `visit` with each line of a file and its place (`path:line`); a file that cannot be read fails. */
async function eachLine(path: string, visit: (line: string, at: string) => void): Promise<void> {
  let n = 0;
  try {
    const lines = createInterface({
      input: createReadStream(path, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) visit(line, `${path}:${++n}`);
  } catch (error) {
    throw new CommandFailure(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function printText(report: VerifyReport, ctx: CommandContext): void {
  for (const s of report.streams) {
    ctx.out(`stream ${s.stream}: seq ${s.firstSeq}..${s.lastSeq} (${s.records} records), head ${s.headHash}`);
  }
  if (report.legacy > 0) {
    ctx.out(`${report.legacy} legacy records from before the audit was chained: not verifiable`);
  }
  for (const f of report.findings) ctx.out(describe(f));
  const failures = report.findings.filter((f) => f.severity === 'failure').length;
  const summary = `${report.records} records in ${report.streams.length} streams`;
  if (failures === 0) ctx.out(`OK: ${summary}, every chain intact`);
  else ctx.err(`BROKEN: ${summary}, ${failures} problem${failures === 1 ? '' : 's'} found`);
}

function describe(f: Finding): string {
  const where = [
    f.stream === undefined ? undefined : `stream ${f.stream}`,
    f.seq === undefined ? undefined : `seq ${f.seq}`,
    f.at,
  ].filter((part) => part !== undefined);
  return `${f.severity === 'failure' ? 'FAIL' : 'note'} ${f.kind} at ${where.join(', ')}: ${f.message}`;
}

function printJson(report: VerifyReport, ctx: CommandContext): void {
  for (const finding of report.findings) ctx.out(jsonLine(finding));
  const { findings: _findings, ...summary } = report;
  ctx.out(jsonLine({ summary }));
}
