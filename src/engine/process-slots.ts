import type { ForkServer, ForkTicket } from "./fork-server.js";

/** Where a slot's process runs: a fork server's request once the server reported it started, else nowhere to queue behind. */
interface Place {
  readonly server: ForkServer;
  readonly id: number;
}

interface Slot {
  occupant: SlotTicket;
  /** The node that takes the slot over when the occupant's process exits. */
  successor: SlotTicket | undefined;
}

/**
 * At most `jobs` node processes at once. With `ahead`, a node that is ready while every slot is taken
 * queues behind one running process: when both run on the same fork server, the server starts it the
 * moment that process exits, and cursus-lab settles the finished node beside it. Without, a node waits
 * for a free slot, and cursus-lab settles each node before the next starts, one thing at a time.
 */
export class ProcessSlots {
  private readonly slots = new Set<Slot>();
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly jobs: number,
    private readonly ahead: boolean,
    /** The run's stop: a ticket not yet started gives up at it. */
    readonly signal: AbortSignal,
  ) {
    // Made before any node's process, so this runs before their own stops: a node queued behind one is
    // taken off its server's queue before that one is signalled, or the server would start it on its exit.
    signal.addEventListener("abort", () => {
      for (const slot of this.slots) slot.successor?.cancelQueued();
    });
  }

  /** A claim on a slot, owned at once or queued behind a running process; undefined when the run is stopped first. */
  async take(): Promise<SlotTicket | undefined> {
    const { signal } = this;
    for (;;) {
      if (signal.aborted) return undefined;
      if (this.slots.size < this.jobs) {
        const ticket = new SlotTicket(this);
        this.slots.add({ occupant: ticket, successor: undefined });
        ticket.own();
        return ticket;
      }
      const open = this.ahead ? [...this.slots].find((s) => s.successor === undefined) : undefined;
      if (open !== undefined) {
        const ticket = new SlotTicket(this, open);
        open.successor = ticket;
        return ticket;
      }
      await wokenOrStopped(signal, (wake) => this.waiting.push(wake));
    }
  }

  /**
   * The ticket's process ended, or it will start none: its slot passes to its successor. A slot left with
   * none takes a node queued behind another slot's process, which may run long: it starts now.
   */
  leave(ticket: SlotTicket): void {
    for (const slot of this.slots) {
      if (slot.successor === ticket) slot.successor = undefined;
      else if (slot.occupant === ticket) {
        const next = slot.successor ?? this.takeQueued()?.goNow();
        if (next === undefined) this.slots.delete(slot);
        else {
          slot.occupant = next;
          slot.successor = undefined;
          next.own();
        }
      } else continue;
      break;
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** A node queued behind a running process, taken from its place there. */
  private takeQueued(): SlotTicket | undefined {
    for (const slot of this.slots) {
      const queued = slot.successor;
      if (queued === undefined) continue;
      slot.successor = undefined;
      return queued;
    }
    return undefined;
  }
}

/** One node's claim on a process slot. */
export class SlotTicket {
  private owned = false;
  private place: Place | undefined;
  private readonly changes: (() => void)[] = [];
  private left = false;
  /** Its request, while the server holds it queued behind the occupant. */
  private request: ForkTicket | undefined;

  constructor(
    private readonly slots: ProcessSlots,
    /** The slot it queues behind the occupant of, until it owns it. */
    private readonly behind?: Slot,
  ) {}

  /**
   * When a launch on `server` may go: at once, to start after the request `after` when the slot's
   * occupant runs there; else once this ticket owns its slot. Undefined when the run is stopped first.
   */
  async launchOn(server: ForkServer | undefined): Promise<{ readonly after: number | undefined } | undefined> {
    const { signal } = this.slots;
    for (;;) {
      if (signal.aborted) return undefined;
      if (this.owned) return { after: undefined };
      const occupant = this.behind?.occupant;
      const place = occupant?.place;
      if (place !== undefined && server !== undefined && place.server === server) return { after: place.id };
      // Woken when the occupant starts or ends, or when this ticket is taken into a slot that came free.
      await wokenOrStopped(signal, (wake) => {
        occupant?.changes.push(wake);
        this.changes.push(wake);
      });
    }
  }

  /** Its request waits in a server's queue behind the occupant. */
  queued(request: ForkTicket): void {
    this.request = request;
  }

  cancelQueued(): void {
    this.request?.cancel();
    this.request = undefined;
  }

  /** Its process started on `server` under request `id`: a successor may queue behind it there. */
  runsOn(server: ForkServer, id: number): void {
    this.request = undefined;
    this.place = { server, id };
    this.changed();
  }

  /** Its process ended (or never will start): the slot goes on without it. */
  leave(): void {
    if (this.left) return;
    this.left = true;
    this.place = undefined;
    this.slots.leave(this);
    this.changed();
  }

  own(): void {
    this.owned = true;
    this.changed();
  }

  /** Taken into a free slot: a request still queued behind another process need wait no longer. */
  goNow(): this {
    this.request?.go();
    this.request = undefined;
    return this;
  }

  private changed(): void {
    for (const done of this.changes.splice(0)) done();
  }
}

/** Resolves at the wake-up handed to `register`, or when `signal` aborts. */
function wokenOrStopped(signal: AbortSignal, register: (wake: () => void) => void): Promise<void> {
  return new Promise((done) => {
    const onAbort = (): void => done();
    signal.addEventListener("abort", onAbort, { once: true });
    register(() => {
      signal.removeEventListener("abort", onAbort);
      done();
    });
  });
}
