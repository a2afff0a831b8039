// The adapter to the upstream system: it knows nothing of MCP. This one is an in-memory item store standing in
// for the real client (HTTP API, database, SDK): replace it, keeping the AbortSignal passed down to every call.

export interface Item {
  readonly id: string;
  readonly title: string;
  readonly createdBy: string;
}

export class ItemStore {
  readonly #items = new Map<string, Item>();
  readonly #maxItems: number;
  #next = 1;

  constructor(options: { maxItems: number }, seed: readonly string[] = ['First item', 'Second item']) {
    this.#maxItems = options.maxItems;
    for (const title of seed) this.#insert(title, 'seed');
  }

  async list(signal?: AbortSignal): Promise<Item[]> {
    signal?.throwIfAborted();
    return [...this.#items.values()];
  }

  async get(id: string, signal?: AbortSignal): Promise<Item | undefined> {
    signal?.throwIfAborted();
    return this.#items.get(id);
  }

  /** Undefined when the store is full. */
  async add(title: string, createdBy: string, signal?: AbortSignal): Promise<Item | undefined> {
    signal?.throwIfAborted();
    if (this.#items.size >= this.#maxItems) return undefined;
    return this.#insert(title, createdBy);
  }

  #insert(title: string, createdBy: string): Item {
    const item = { id: `i${this.#next++}`, title, createdBy };
    this.#items.set(item.id, item);
    return item;
  }
}
