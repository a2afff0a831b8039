import { ErrorCode, type HandlerContext, ToolError } from '@gatehouse/kit';
import type { LogBackend, OriginInfo } from './backend.ts';
import type { SourceConfig } from './config.ts';
import type { FieldMapping } from './fields.ts';
import { originTarget } from './targets.ts';

export interface Source {
  readonly name: string;
  readonly kind: SourceConfig['kind'];
  readonly fields: FieldMapping;
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly deploy: { readonly field: string; readonly value: string };
  readonly backend: LogBackend;
}

type Access = Pick<HandlerContext, 'mayAccess' | 'authorizeTarget'>;

/** The configured sources, by name; what every tool resolves its `source` and `origin` inputs through. */
export class Sources {
  readonly #byName: ReadonlyMap<string, Source>;

  constructor(sources: readonly Source[]) {
    this.#byName = new Map(sources.map((source) => [source.name, source]));
  }

  all(): Source[] {
    return [...this.#byName.values()];
  }

  names(): string[] {
    return [...this.#byName.keys()];
  }

  /** The source a call names, or the only one when it names none; not_found lists those the caller may read. */
  get(name: string | undefined, ctx: Pick<HandlerContext, 'mayAccess'>): Source {
    const chosen = name ?? (this.#byName.size === 1 ? this.names()[0] : undefined);
    const source = chosen === undefined ? undefined : this.#byName.get(chosen);
    if (source) return source;
    const readable = this.names().filter((n) => ctx.mayAccess(`logs:${n}`));
    const list = readable.length > 0 ? `Sources: ${readable.join(', ')}.` : 'You may read none.';
    throw new ToolError(
      name === undefined ? ErrorCode.InvalidInput : ErrorCode.NotFound,
      name === undefined ? `Name a source. ${list}` : `No source named ${name}. ${list}`,
    );
  }

  /**
   * The origins (files, indices, data streams) a call reads: the one it names, authorized (a refusal ends the
   * call), or every origin of the source the caller may read. Never a pattern: origins are what the backend
   * lists, so a wildcard cannot reach past the allowlist.
   */
  async origins(
    source: Source,
    origin: string | undefined,
    ctx: Access & { signal: AbortSignal },
  ): Promise<OriginInfo[]> {
    const all = await source.backend.origins(ctx.signal);
    if (origin !== undefined) {
      if (/[\s*?,]/.test(origin)) {
        throw new ToolError(
          ErrorCode.InvalidInput,
          `origin: expected one file or index name from list_sources, not a pattern or list (${origin}).`,
        );
      }
      ctx.authorizeTarget(originTarget(source.name, origin));
      const found = all.find((o) => o.name === origin);
      if (!found)
        throw new ToolError(
          ErrorCode.NotFound,
          `No ${origin} in source ${source.name}; list_sources shows what there is.`,
        );
      return [found];
    }
    return all.filter((o) => ctx.mayAccess(originTarget(source.name, o.name)));
  }
}
