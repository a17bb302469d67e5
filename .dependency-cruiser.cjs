// The layers of shipset, enforced in CI (`npm run layers`). The pipeline is
// options -> graph -> rules -> pack -> report, with the action and the CLI as thin adapters
// over a core that knows no GitHub and no terminal. Each rule says why it exists.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-knows-no-github',
      comment:
        'The core must run (and be tested) without GitHub: anything GitHub-specific (commit dates from the API, comments, inputs) lives in src/action and is passed in as a function.',
      severity: 'error',
      from: { path: '^src/(core|report)/' },
      to: { path: ['node_modules/@actions/', '^@actions/'] },
    },
    {
      name: 'core-knows-no-front-end',
      comment: 'The action and the CLI are adapters over the core; the core never reaches back into them.',
      severity: 'error',
      from: { path: '^src/(core|report)/' },
      to: { path: '^src/(action|cli)/' },
    },
    {
      name: 'core-knows-no-process',
      comment:
        'cwd, environment, clock and signals are inputs of the core (Options), read by the front ends: a core that reads the process hides its inputs and needs chdir in tests.',
      severity: 'error',
      from: { path: '^src/(core|report)/' },
      to: { path: '^(node:)?(process|tty)$' },
    },
    {
      name: 'report-is-pure',
      comment: 'Reporters turn a Result into text: they never run the pipeline, the graph, git or the file system.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: ['^src/core/(pipeline|graph|rules|pack|git|history|base-diff)', '^(node:)?(fs|child_process)$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'rules-never-pack',
      comment: 'Rules judge the graph; packing comes after them and consumes their findings, never the other way round.',
      severity: 'error',
      from: { path: '^src/core/rules/' },
      to: { path: '^src/core/pack/' },
    },
    {
      name: 'graph-knows-no-policy',
      comment:
        'The engines say what runs; whether that is acceptable is policy (rules, pack, report). An engine that imports policy would make the set depend on the verdict.',
      severity: 'error',
      from: { path: '^src/core/graph/' },
      to: { path: ['^src/core/(rules|pack|pipeline|why|manifest|baseline|suppress)', '^src/report/'] },
    },
    {
      name: 'action-and-cli-stay-apart',
      comment: 'Two front ends over one core: what they share belongs in the core, not in each other.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/action/' },
    },
    {
      name: 'no-cli-in-action',
      comment: 'Two front ends over one core: what they share belongs in the core, not in each other.',
      severity: 'error',
      from: { path: '^src/action/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-circular',
      comment:
        'Cycles between modules blur which layer owns a concept. A cycle counts when every step of it is a run-time import: a type-only import is erased by tsc, so names derived from a registry (RuleName from rules/registry.ts, Format from report/index.ts) may be imported back as types.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
