// Minimum-cost maximum flow by successive shortest paths with node potentials (Dijkstra on
// reduced costs), in whole numbers. After the run the potentials are a certificate: every arc
// with room left (in the residual graph) has a reduced cost cost + π(u) − π(v) ≥ 0, so no cycle of
// negative cost exists (the flow is cheapest for its value), and the sink cannot be reached (the
// flow is maximal). `check` verifies exactly that, independently of how the flow was found.
//
// Arcs are stored in pairs (arc a and its reverse a ^ 1) in typed arrays; costs and potentials are
// whole numbers kept in float64 (exact below 2^53 — the model's costs stay far below).

export interface FlowCheck {
  ok: boolean;
  /** What failed, for a developer (empty when ok). */
  problems: string[];
}

export class FlowGraph {
  readonly nodes: number;
  private head: Int32Array;
  private next: Int32Array;
  private to: Int32Array;
  /** Residual capacity of each arc. */
  private rest: Float64Array;
  private cap: Float64Array;
  private cost: Float64Array;
  private arcs = 0;
  /** Potentials after `solve` (the dual values of the node balance rows). */
  potential: Float64Array;
  private cursor: Int32Array;

  constructor(nodes: number, arcHint = 16) {
    this.nodes = nodes;
    this.head = new Int32Array(nodes).fill(-1);
    const n = Math.max(2, arcHint * 2);
    this.next = new Int32Array(n);
    this.to = new Int32Array(n);
    this.rest = new Float64Array(n);
    this.cap = new Float64Array(n);
    this.cost = new Float64Array(n);
    this.potential = new Float64Array(nodes);
    this.cursor = new Int32Array(nodes);
  }

  private grow(): void {
    const n = this.to.length * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.next = copy(this.next);
    this.to = copy(this.to);
    this.rest = copy(this.rest);
    this.cap = copy(this.cap);
    this.cost = copy(this.cost);
  }

  /** Adds arc u → v; returns its id (its flow is `flow(id)`). */
  addArc(u: number, v: number, capacity: number, cost: number): number {
    if (this.arcs + 2 > this.to.length) this.grow();
    const a = this.arcs;
    this.to[a] = v;
    this.rest[a] = capacity;
    this.cap[a] = capacity;
    this.cost[a] = cost;
    this.next[a] = this.head[u]!;
    this.head[u] = a;
    this.to[a + 1] = u;
    this.rest[a + 1] = 0;
    this.cap[a + 1] = 0;
    this.cost[a + 1] = -cost;
    this.next[a + 1] = this.head[v]!;
    this.head[v] = a + 1;
    this.arcs += 2;
    return a;
  }

  flow(arc: number): number {
    return this.cap[arc]! - this.rest[arc]!;
  }

  /** The arc's reduced cost under the current potentials. */
  reducedCost(arc: number): number {
    return this.cost[arc]! + this.potential[this.to[arc ^ 1]!]! - this.potential[this.to[arc]!]!;
  }

  get arcCount(): number {
    return this.arcs / 2;
  }

  residual(a: number): number {
    return this.rest[a]!;
  }

  /**
   * Sends as much flow as possible from s to t at the least cost. Returns the flow value, the
   * cost and the number of augmentations. `options.skipPotentialUpdate` exists only to prove the
   * tests catch a broken solver.
   */
  solve(s: number, t: number, options: { skipPotentialUpdate?: boolean } = {}): { flow: number; cost: number; augmentations: number } {
    const n = this.nodes;
    const pot = this.potential;
    this.initialPotentials();
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const done = new Uint8Array(n);
    const heap = new MinHeap(n);
    const dead = new Uint8Array(n);
    const visited = new Uint8Array(n);
    const stack = new Int32Array(n + 1);
    const pathArc = new Int32Array(n);
    let flow = 0;
    let cost = 0;
    let augmentations = 0;
    for (;;) {
      this.shortestPaths(s, dist, prevArc, done, heap);
      // Potentials: + distance where reached, + the largest distance elsewhere (keeps reduced
      // costs of arcs from unreached to reached nodes ≥ 0).
      let far = 0;
      for (let v = 0; v < n; v++) if (done[v] && dist[v]! > far) far = dist[v]!;
      if (!options.skipPotentialUpdate) for (let v = 0; v < n; v++) pot[v] = pot[v]! + (done[v] ? dist[v]! : far);
      if (!done[t]) break;
      // Every path of reduced cost 0 is a shortest path now: augment along such paths until none
      // is left (depth first over admissible arcs), then look for the next shortest distance.
      // A node found to lead nowhere stays skipped for this round — at worst that ends the round
      // early; the next Dijkstra finds what was skipped.
      dead.fill(0);
      // First the path Dijkstra found (progress even if potentials were off), then the others.
      for (let path = prevArc; ; path = pathArc) {
        if (path === pathArc && !this.admissiblePath(s, t, pathArc, dead, visited, stack)) break;
        let push = Infinity;
        for (let v = t; v !== s; v = this.to[path[v]! ^ 1]!) push = Math.min(push, this.rest[path[v]!]!);
        for (let v = t; v !== s; v = this.to[path[v]! ^ 1]!) {
          const a = path[v]!;
          this.rest[a] = this.rest[a]! - push;
          this.rest[a ^ 1] = this.rest[a ^ 1]! + push;
          cost += push * this.cost[a]!;
        }
        flow += push;
        augmentations++;
      }
    }
    return { flow, cost, augmentations };
  }

  /** A path s → t over arcs with room and reduced cost 0 (its arcs in prevArc), or false. */
  private admissiblePath(s: number, t: number, prevArc: Int32Array, dead: Uint8Array, visited: Uint8Array, stack: Int32Array): boolean {
    const pot = this.potential;
    visited.fill(0);
    const cursor = this.cursor;
    let depth = 0;
    stack[0] = s;
    visited[s] = 1;
    cursor[s] = this.head[s]!;
    while (depth >= 0) {
      const u = stack[depth]!;
      if (u === t) return true;
      let a = cursor[u]!;
      while (a !== -1) {
        const v = this.to[a]!;
        if (this.rest[a]! > 0 && !visited[v] && !dead[v] && this.cost[a]! + pot[u]! - pot[v]! === 0) break;
        a = this.next[a]!;
      }
      if (a === -1) {
        dead[u] = 1;
        depth--;
        continue;
      }
      cursor[u] = this.next[a]!;
      const v = this.to[a]!;
      visited[v] = 1;
      prevArc[v] = a;
      cursor[v] = this.head[v]!;
      stack[++depth] = v;
    }
    return false;
  }

  /** Potentials with every arc's reduced cost ≥ 0 (Bellman–Ford from a virtual root). */
  private initialPotentials(): void {
    const n = this.nodes;
    const pot = this.potential;
    pot.fill(0);
    const queued = new Uint8Array(n).fill(1);
    const queue: number[] = [];
    for (let v = 0; v < n; v++) queue.push(v);
    let pops = 0;
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi]!;
      queued[u] = 0;
      if (++pops > n * (this.arcs + 1)) throw new Error('negative cycle in the flow graph');
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        if (this.rest[a]! <= 0) continue;
        const v = this.to[a]!;
        const nd = pot[u]! + this.cost[a]!;
        if (nd < pot[v]!) {
          pot[v] = nd;
          if (!queued[v]) {
            queued[v] = 1;
            queue.push(v);
          }
        }
      }
      if (qi > 1 << 20 && qi * 2 > queue.length) {
        queue.splice(0, qi + 1);
        qi = -1;
      }
    }
  }

  /**
   * The optimality conditions, checked on the final state: capacities respected, flow conserved
   * at every node but s and t, every residual arc of reduced cost ≥ 0 under the potentials (no
   * negative cycle: complementary slackness), and t unreachable from s (the flow is maximal).
   */
  check(s: number, t: number): FlowCheck {
    const problems: string[] = [];
    const balance = new Float64Array(this.nodes);
    for (let a = 0; a < this.arcs; a += 2) {
      const f = this.cap[a]! - this.rest[a]!;
      if (f < 0 || f > this.cap[a]! || this.rest[a + 1] !== f || !Number.isInteger(f))
        problems.push(`arc ${a / 2}: flow ${f} outside [0, ${this.cap[a]}]`);
      balance[this.to[a + 1]!] = balance[this.to[a + 1]!]! - f;
      balance[this.to[a]!] = balance[this.to[a]!]! + f;
    }
    for (let v = 0; v < this.nodes; v++)
      if (v !== s && v !== t && balance[v] !== 0) problems.push(`node ${v}: flow not conserved (${balance[v]})`);
    for (let a = 0; a < this.arcs; a++) {
      if (this.rest[a]! > 0 && this.reducedCost(a) < 0)
        problems.push(`arc ${a >> 1}${a & 1 ? ' (reverse)' : ''}: reduced cost ${this.reducedCost(a)} < 0`);
    }
    const seen = new Uint8Array(this.nodes);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        const v = this.to[a]!;
        if (this.rest[a]! > 0 && !seen[v]) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    if (seen[t]) problems.push('the sink is still reachable: the flow is not maximal');
    return { ok: problems.length === 0, problems: problems.slice(0, 20) };
  }

  /**
   * Shortest distances from `from` over residual arcs under reduced costs (all ≥ 0 after solve):
   * the cheapest way to reroute one unit from `from`, used for "what would it cost others".
   */
  residualDistances(from: number): Float64Array {
    const dist = new Float64Array(this.nodes);
    this.shortestPaths(from, dist, new Int32Array(this.nodes), new Uint8Array(this.nodes), new MinHeap(this.nodes));
    return dist;
  }

  /** Dijkstra from `from` over arcs with room left, on reduced costs (all ≥ 0 between augmentations). */
  private shortestPaths(from: number, dist: Float64Array, prevArc: Int32Array, done: Uint8Array, heap: MinHeap): void {
    const pot = this.potential;
    dist.fill(Infinity);
    prevArc.fill(-1);
    done.fill(0);
    dist[from] = 0;
    heap.push(from, 0);
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u]) continue;
      done[u] = 1;
      const du = dist[u]!;
      const pu = pot[u]!;
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        if (this.rest[a]! <= 0) continue;
        const v = this.to[a]!;
        if (done[v]) continue;
        const nd = du + this.cost[a]! + pu - pot[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          prevArc[v] = a;
          heap.push(v, nd);
        }
      }
    }
  }
}

/** A binary heap of (node, key) with lazy deletion; ties broken by insertion order. */
class MinHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  private seq: Float64Array;
  private counter = 0;
  size = 0;
  constructor(capacity: number) {
    const n = Math.max(16, capacity * 2);
    this.keys = new Float64Array(n);
    this.ids = new Int32Array(n);
    this.seq = new Float64Array(n);
  }
  private less(i: number, j: number): boolean {
    return this.keys[i]! < this.keys[j]! || (this.keys[i] === this.keys[j] && this.seq[i]! < this.seq[j]!);
  }
  private swap(i: number, j: number): void {
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
    const d = this.ids[i]!;
    this.ids[i] = this.ids[j]!;
    this.ids[j] = d;
    const s = this.seq[i]!;
    this.seq[i] = this.seq[j]!;
    this.seq[j] = s;
  }
  push(id: number, key: number): void {
    if (this.size === this.keys.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.keys = grow(this.keys);
      this.ids = grow(this.ids);
      this.seq = grow(this.seq);
    }
    let i = this.size++;
    this.keys[i] = key;
    this.ids[i] = id;
    this.seq[i] = this.counter++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): number {
    const top = this.ids[0]!;
    this.size--;
    if (this.size > 0) {
      this.keys[0] = this.keys[this.size]!;
      this.ids[0] = this.ids[this.size]!;
      this.seq[0] = this.seq[this.size]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.size && this.less(l, m)) m = l;
        if (r < this.size && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
