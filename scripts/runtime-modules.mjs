// The modules of src/ that a command loads only when it runs, bundled as one lazily
// loaded chunk (scripts/build.mjs). They are re-exported together (`export *`), so no
// two of them may export the same name: test/scripts/runtime-modules.test.ts checks it.
export const RUNTIME = [
  'api/client',
  'config/load',
  'config/init',
  'config/show',
  'watch/job-watcher',
  'watch/history',
  'watch/progress',
  'commands/group/reverse-many',
  'commands/group/switchover',
];
