// Attachments that wait for a start: the Docker API attaches before it starts (`docker run`, `start -a`), and
// output written before the attach socket is connected would be lost. The service is one long process, so
// the waiting clients are kept here and connected by start between `runtime create` and `runtime start`.
export type Connect = () => Promise<void>;

export class PendingAttaches {
  private readonly waiting = new Map<string, Set<Connect>>();

  /** Keeps `connect` until `connectAll(id)` or until the returned function withdraws it. */
  add(id: string, connect: Connect): () => void {
    let set = this.waiting.get(id);
    if (!set) this.waiting.set(id, (set = new Set()));
    set.add(connect);
    return () => {
      set.delete(connect);
      if (set.size === 0 && this.waiting.get(id) === set) this.waiting.delete(id);
    };
  }

  /** Connects every waiting client of a container; one that fails reports to its own caller, not to start. */
  async connectAll(id: string): Promise<void> {
    const set = this.waiting.get(id);
    if (!set) return;
    this.waiting.delete(id);
    await Promise.all([...set].map((connect) => connect().catch(() => undefined)));
  }
}
