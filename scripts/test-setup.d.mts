// Types of test-setup.mjs, for its spec (test/setup/test-setup.spec.ts).
export interface Requirement {
  readonly id: 'redis' | 'chromium' | 'cjk-font';
  readonly what: string;
  readonly why: string;
  readonly apt: string;
  readonly brew: string;
}
export interface MachineFacts {
  platform: NodeJS.Platform;
  isRoot: boolean;
  distro: string;
  onPath(command: string): boolean;
  hasApp(path: string): boolean;
  hasCjkFont: boolean;
}
export interface SetupPlan {
  missing: Requirement[];
  /** Commands to run, in order, when everything can be installed unattended. */
  run?: string[][];
  /** Why `npm test` stops, and what to install and how. */
  stop?: string;
}
export const REQUIREMENTS: readonly Requirement[];
export function plan(facts: MachineFacts): SetupPlan;
export function probe(): MachineFacts;
