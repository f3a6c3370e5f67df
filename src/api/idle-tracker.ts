// Idle exit: the service counts requests in flight (a stream - events, logs -f, attach, exec - is a request
// until it ends) and fires once nothing has been in flight for the idle period. 0 disables it.
export class IdleTracker {
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly idleMs: number, private readonly onIdle: () => void) {}

  /** Starts the clock (call once listening). */
  start(): void {
    this.arm();
  }

  /** Marks work in flight; the returned release may be called more than once. */
  begin(): () => void {
    this.active++;
    this.disarm();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      if (this.active === 0) this.arm();
    };
  }

  get inFlight(): number {
    return this.active;
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(): void {
    if (this.idleMs <= 0 || this.stopped || this.active > 0) return;
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.active === 0 && !this.stopped) {
        this.stopped = true;
        this.onIdle();
      }
    }, this.idleMs);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
