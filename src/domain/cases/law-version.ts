/**
 * @module domain/cases/law-version
 * What pins a decision to the law it was taken under (PRODUCT.md: "a case keeping the rule version it
 * was decided under"): a digest of the law package (every rule and parameter file under `law/`) and
 * of the generic engine that evaluates it, computed once per process, and the version of each rule
 * that answered, read from the engine's trace.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { TraceNode } from '../../rules/engine/trace.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LAW = join(ROOT, 'law');
const ENGINE = join(ROOT, 'src', 'rules', 'engine');

/** The law's source files: rules, parameters, registry defaults, instruments; not its tests. */
function lawFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'tests' ? [] : lawFiles(path);
    return /\.(ts|ya?ml)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** SHA-256 over each file's path (relative to the repository) and content, in path order. */
function digestOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(`${relative(ROOT, file)}\n`).update(readFileSync(file)).update('\n');
  return `sha256:${hash.digest('hex')}`;
}

export interface LawPackageVersion {
  /** Digest of `law/` (rules, parameters, registry defaults, instruments). */
  lawDigest: string;
  /** Digest of `src/rules/engine`, which evaluates them. */
  engineDigest: string;
  files: number;
}

let computed: LawPackageVersion | null = null;

/** The law package and engine this process runs, computed on first use (the files do not change under a running process). */
export function lawPackageVersion(): LawPackageVersion {
  if (!computed) {
    const law = lawFiles(LAW);
    const engine = lawFiles(ENGINE);
    computed = { lawDigest: digestOf(law), engineDigest: digestOf(engine), files: law.length + engine.length };
  }
  return computed;
}

/** A rule that answered: its id, the version (start date) in force, and the basis of that version. */
export interface FiredRule {
  rule: string;
  version: string;
  basis: string[];
}

/** Every rule version in the trace, once each, in the order they first answered (children included). */
export function firedRules(trace: readonly TraceNode[]): FiredRule[] {
  const seen = new Map<string, FiredRule>();
  const visit = (node: TraceNode) => {
    const key = `${node.rule}@${node.version}`;
    if (!seen.has(key)) seen.set(key, { rule: node.rule, version: node.version, basis: node.basis.map((c) => c.title) });
    node.children.forEach(visit);
  };
  trace.forEach(visit);
  return [...seen.values()];
}
