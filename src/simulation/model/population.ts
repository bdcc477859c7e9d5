/**
 * @module simulation/model/population
 * The persons of a run, one row each in typed arrays (a million persons take about 60 MB), and the
 * structures that move them: first-in-first-out queues and a day calendar. Every change of a person's
 * state goes through {@link Population.move}, which keeps the stocks per state and Member State and
 * the matrix of flows between states — the books the conservation test balances.
 */

/** Where a person is. Terminal states are never left. */
export const STATE = {
  /** Died or went missing on the route. */
  DEAD: 0,
  SCREENING: 1,
  /** Moving on to apply in another Member State. */
  ONWARD: 2,
  FIRST_INSTANCE: 3,
  APPEAL: 4,
  /** Declared inadmissible (safe third country), waiting for the country to admit them. */
  STC_WAIT: 5,
  PROTECTED: 6,
  RETURN_PENDING: 7,
  RETURNED: 8,
  TRANSFERRED_STC: 9,
  IN_HUB: 10,
  RETURNED_VIA_HUB: 11,
  ABSCONDED: 12,
  /** A removal the law bars (a real risk in the country): the person stays, tolerated. */
  NON_REMOVABLE: 13,
} as const;
export type State = (typeof STATE)[keyof typeof STATE];
export const STATE_NAMES = ['dead-or-missing', 'screening', 'onward', 'first-instance', 'appeal', 'stc-wait', 'protected', 'return-pending', 'returned',
  'transferred-stc', 'in-return-hub', 'returned-via-hub', 'absconded', 'non-removable'] as const;
export const STATES = STATE_NAMES.length;

export const PROCEDURE = { BORDER: 0, ADMISSIBILITY: 1, ACCELERATED: 2, REGULAR: 3 } as const;
export const PROCEDURE_NAMES = ['border', 'admissibility', 'accelerated', 'regular'] as const;

/** Person flags (bits). */
export const FLAG = {
  FEMALE: 1, MINOR: 2, UNACCOMPANIED: 4, FAMILY: 8, VULNERABLE: 16,
  /** Applied at the external border after a detected crossing. */
  AT_BORDER: 32,
  /** Could have sought protection in the transit country. */
  PROTECTION_EN_ROUTE: 64,
  SUBSEQUENT: 128, NEW_ELEMENTS: 256,
  /** A pending appeal will succeed (drawn when lodged). */
  APPEAL_WINS: 512,
  /** Removable while the appeal is pending (no suspensive effect). */
  APPEAL_PENDING: 1024,
  RESETTLED: 2048,
  /** Entered the return procedure without applying (found illegally present, or did not apply after arrival). */
  IRREGULAR: 4096,
  /** Sex, age, family and vulnerability have been drawn (drawn when first needed for those found illegally present). */
  TRAITS: 8192,
} as const;

/** A growable first-in-first-out queue of person indexes. */
export class Fifo {
  private buf = new Int32Array(64);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  push(p: number): void {
    if (this.tail === this.buf.length) {
      const live = this.tail - this.head;
      // Mostly consumed: slide the live part to the front; mostly live: double.
      if (this.head >= this.buf.length >>> 1) this.buf.copyWithin(0, this.head, this.tail);
      else {
        const next = new Int32Array(this.buf.length * 2);
        next.set(this.buf.subarray(this.head, this.tail));
        this.buf = next;
      }
      this.head = 0;
      this.tail = live;
    }
    this.buf[this.tail++] = p;
  }

  /** The head without taking it; -1 when empty. */
  peek(): number {
    return this.head < this.tail ? this.buf[this.head]! : -1;
  }

  shift(): number {
    return this.head < this.tail ? this.buf[this.head++]! : -1;
  }
}

/**
 * Per day, the persons with an event due that day. Entries come from a pool (a person may be listed
 * on several days); a list owner that allows one live event per person validates entries itself.
 */
export class Calendar {
  private readonly head: Int32Array;
  private person = new Int32Array(1024);
  private next = new Int32Array(1024);
  private free = -1;
  private used = 0;

  constructor(days: number) {
    this.head = new Int32Array(days + 1).fill(-1);
  }

  /** Schedules person `p` on `day`; days past the horizon are dropped (the person stays where they are). */
  add(p: number, day: number): void {
    if (day >= this.head.length) return;
    const d = Math.max(0, day);
    let e = this.free;
    if (e >= 0) this.free = this.next[e]!;
    else {
      if (this.used === this.person.length) {
        const person = new Int32Array(this.used * 2);
        const next = new Int32Array(this.used * 2);
        person.set(this.person);
        next.set(this.next);
        this.person = person;
        this.next = next;
      }
      e = this.used++;
    }
    this.person[e] = p;
    this.next[e] = this.head[d]!;
    this.head[d] = e;
  }

  /** Calls `visit` for every person listed on `day` (in the reverse order of scheduling), emptying the day. */
  drain(day: number, visit: (p: number) => void): void {
    let e = this.head[day]!;
    this.head[day] = -1;
    while (e >= 0) {
      const next = this.next[e]!;
      const p = this.person[e]!;
      this.next[e] = this.free;
      this.free = e;
      visit(p);
      e = next;
    }
  }
}

export class Population {
  size = 0;
  capacity: number;
  /** Random-stream identity: the cell's key and the person's index in it. */
  key: Uint32Array;
  index: Uint32Array;
  nationality: Uint16Array;
  memberState: Uint8Array;
  route: Uint8Array;
  /** Index into the run's country list of the last transit country; 255 none. */
  transit: Uint8Array;
  flags: Uint32Array;
  state: Uint8Array;
  procedure: Uint8Array;
  arrived: Int32Array;
  lodged: Int32Array;
  /** Day of the first-instance decision, then of the return decision. */
  decided: Int32Array;
  /** Border-procedure deadline, or the end of a pending appeal. */
  due: Int32Array;
  /** First day the person may be taken from a return queue. */
  ready: Int32Array;
  /** The day of the person's one live calendar event (earlier entries for the person are stale). */
  eventDay: Int32Array;
  /** Per state × Member State: persons there now. */
  readonly stock: Int32Array;
  /** Per state: persons created directly into it. */
  readonly created: Float64Array;
  /** Per from-state × to-state: moves. */
  readonly flows: Float64Array;
  private readonly states: number;

  constructor(capacity: number, memberStates: number) {
    this.capacity = capacity;
    this.key = new Uint32Array(capacity);
    this.index = new Uint32Array(capacity);
    this.nationality = new Uint16Array(capacity);
    this.memberState = new Uint8Array(capacity);
    this.route = new Uint8Array(capacity);
    this.transit = new Uint8Array(capacity);
    this.flags = new Uint32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.procedure = new Uint8Array(capacity);
    this.arrived = new Int32Array(capacity);
    this.lodged = new Int32Array(capacity);
    this.decided = new Int32Array(capacity);
    this.due = new Int32Array(capacity);
    this.ready = new Int32Array(capacity);
    this.eventDay = new Int32Array(capacity).fill(-1);
    this.states = STATES;
    this.stock = new Int32Array(STATES * memberStates);
    this.created = new Float64Array(STATES);
    this.flows = new Float64Array(STATES * STATES);
  }

  private growTo(capacity: number): void {
    const grow = <T extends Uint32Array | Uint16Array | Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    this.key = grow(this.key); this.index = grow(this.index); this.nationality = grow(this.nationality); this.memberState = grow(this.memberState);
    this.route = grow(this.route); this.transit = grow(this.transit); this.flags = grow(this.flags); this.state = grow(this.state);
    this.procedure = grow(this.procedure); this.arrived = grow(this.arrived); this.lodged = grow(this.lodged); this.decided = grow(this.decided); this.due = grow(this.due);
    this.ready = grow(this.ready);
    const eventDay = new Int32Array(capacity).fill(-1);
    eventDay.set(this.eventDay);
    this.eventDay = eventDay;
    this.capacity = capacity;
  }

  /** Adds a person in `state`; returns its index. `onGrow` is told the new capacity when the arrays grow. */
  create(key: number, index: number, nationality: number, memberState: number, state: State, onGrow?: (capacity: number) => void): number {
    if (this.size === this.capacity) {
      this.growTo(Math.ceil(this.capacity * 1.5) + 1024);
      onGrow?.(this.capacity);
    }
    const p = this.size++;
    this.key[p] = key;
    this.index[p] = index;
    this.nationality[p] = nationality;
    this.memberState[p] = memberState;
    this.route[p] = 255;
    this.transit[p] = 255;
    this.state[p] = state;
    this.stock[state * (this.stock.length / this.states) + memberState]!++;
    this.created[state]!++;
    return p;
  }

  /** Moves person `p` to `state` (and, optionally, to another Member State). */
  move(p: number, state: State, memberState: number = this.memberState[p]!): void {
    const from = this.state[p]!;
    const width = this.stock.length / this.states;
    this.stock[from * width + this.memberState[p]!]!--;
    this.stock[state * width + memberState]!++;
    this.flows[from * this.states + state]!++;
    this.state[p] = state;
    this.memberState[p] = memberState;
  }

  has(p: number, flag: number): boolean {
    return (this.flags[p]! & flag) !== 0;
  }

  /** Persons in `state` now, in one Member State or all. */
  stockOf(state: State, memberState?: number): number {
    const width = this.stock.length / this.states;
    if (memberState !== undefined) return this.stock[state * width + memberState]!;
    let n = 0;
    for (let m = 0; m < width; m++) n += this.stock[state * width + m]!;
    return n;
  }
}
