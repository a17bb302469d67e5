// The action's entry: everything happens in run(), which never throws.
// @actions/github parses GITHUB_EVENT_PATH as soon as it is loaded and throws (a stack trace, before
// run() could catch anything) on a bad file. So the event file is checked first, with only
// @actions/core loaded, and the rest of the action is loaded afterwards.
import * as core from '@actions/core';
import { readEventPayload } from './action/event.js';
import { installSignalCleanup } from './core/cleanup.js';
import { renderFailureMarkdown } from './report/markdown.js';

installSignalCleanup(process);

let problem: string | undefined;
try {
  readEventPayload(process.env);
} catch (e) {
  problem = (e as Error).message;
}

if (problem === undefined) {
  const { run } = await import('./action/main.js');
  await run();
} else {
  core.setFailed(problem);
  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(renderFailureMarkdown(problem)).write();
    } catch {
      // The failure is already in the log; a summary that cannot be written adds nothing.
    }
  }
}
