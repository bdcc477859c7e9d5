/**
 * @module rules/engine/trace
 * The evaluation trace (after OpenFisca's `tracers/trace_node.py`): which rules fired in which version,
 * the parameter values read with their citations, the inputs used, and what each rule concluded. With
 * tracing off the engine records nothing and allocates nothing for it.
 */
import type { IsoDate } from './dates.ts';
import type { Citation, ParameterReading } from './parameters.ts';

export interface TraceNode {
  rule: string;
  /** The version in force (its start date) that answered. */
  version: IsoDate;
  on: IsoDate;
  basis: Citation[];
  parameters: ParameterReading[];
  /** Input facts the rule read, by path. */
  inputs: Record<string, unknown>;
  /** Exceptions considered, with whether each applied. */
  exceptions: Array<{ id: string; applied: boolean }>;
  result?: unknown;
  children: TraceNode[];
}

/** Collects trace nodes; `null` tracer means tracing is off. */
export class Tracer {
  readonly roots: TraceNode[] = [];
  private readonly stack: TraceNode[] = [];

  enter(node: Omit<TraceNode, 'children' | 'parameters' | 'inputs' | 'exceptions'>): TraceNode {
    const full: TraceNode = { ...node, parameters: [], inputs: {}, exceptions: [], children: [] };
    const parent = this.stack[this.stack.length - 1];
    (parent ? parent.children : this.roots).push(full);
    this.stack.push(full);
    return full;
  }

  exit(result: unknown): void {
    const node = this.stack.pop();
    if (node) node.result = result;
  }

  parameter(reading: ParameterReading): void {
    this.stack[this.stack.length - 1]?.parameters.push(reading);
  }

  input(path: string, value: unknown): void {
    const node = this.stack[this.stack.length - 1];
    if (node) node.inputs[path] = value;
  }

  exception(id: string, applied: boolean): void {
    this.stack[this.stack.length - 1]?.exceptions.push({ id, applied });
  }
}
