// What a run leaves behind must be removed even when the run is cut short. Every temp file,
// temp folder, git worktree or child process a run creates is registered here; the front ends
// (CLI, action) install the signal handlers once, and the core only registers and releases.
// The core never calls process.exit or installs handlers itself: it knows no process.
import fs from 'node:fs';

/** Undo one thing the run created. Must be synchronous: it also runs from a signal handler. */
export type CleanupStep = () => void;

const pending = new Map<number, CleanupStep>();
let nextId = 1;

/**
 * Register `step` to run if the process is interrupted before `release()` is called.
 * Returns `release`, which forgets the step (call it once the thing is gone or kept on purpose).
 */
export function onCleanup(step: CleanupStep): () => void {
  const id = nextId++;
  pending.set(id, step);
  return () => {
    pending.delete(id);
  };
}

/** Register removal of a temp file or folder (recursive, missing is fine). */
export function removeOnCleanup(target: string): () => void {
  return onCleanup(() => fs.rmSync(target, { recursive: true, force: true }));
}

/** Run every registered step, newest first (a worktree is pruned before its folder goes). Never throws. */
export function runCleanup(): void {
  const steps = [...pending.entries()].reverse();
  pending.clear();
  for (const [, step] of steps) {
    try {
      step();
    } catch {
      // Best effort: one failed step must not keep the others from running.
    }
  }
}

/** How many steps are registered (for tests). */
export function pendingCleanupCount(): number {
  return pending.size;
}

/**
 * For the front ends: on SIGINT/SIGTERM run the cleanup, then exit with 128 + signal number
 * (130, 143), as a shell reports a killed command. Installed once per process.
 */
export function installSignalCleanup(proc: NodeJS.Process): void {
  if (installed) return;
  installed = true;
  const handler = (signal: NodeJS.Signals) => {
    runCleanup();
    proc.exit(signal === 'SIGINT' ? 130 : 143);
  };
  proc.once('SIGINT', handler);
  proc.once('SIGTERM', handler);
}
let installed = false;
