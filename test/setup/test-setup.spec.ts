// The decision npm test's set-up step makes (scripts/test-setup.mjs), from made-up machines: nothing is installed.
import { plan, probe, REQUIREMENTS, type MachineFacts } from '../../scripts/test-setup.mjs';

function machine(over: Partial<MachineFacts> & { commands?: string[]; apps?: string[] }): MachineFacts {
  const commands = new Set(over.commands ?? []);
  const apps = new Set(over.apps ?? []);
  return {
    platform: 'linux',
    isRoot: false,
    distro: 'debian',
    hasCjkFont: false,
    onPath: (c) => commands.has(c),
    hasApp: (p) => apps.has(p),
    ...over,
  };
}

const EVERYTHING = ['redis-server', 'chromium'];

describe('npm test set-up', () => {
  it('lists redis-server, Chromium and a CJK font', () => {
    expect(REQUIREMENTS.map((r) => r.apt)).toEqual(['redis-server', 'chromium', 'fonts-noto-cjk']);
  });

  it('does nothing when everything is there', () => {
    expect(plan(machine({ commands: [...EVERYTHING, 'apt-get'], hasCjkFont: true }))).toEqual({ missing: [], run: [] });
    expect(plan(machine({ commands: ['redis-server', 'google-chrome'], hasCjkFont: true })).missing).toEqual([]);
  });

  it('installs only what is missing with apt-get when root on Debian', () => {
    const result = plan(machine({ isRoot: true, commands: ['apt-get', 'chromium'], hasCjkFont: true }));
    expect(result.run).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'redis-server'],
    ]);
    expect(result.stop).toBeUndefined();
  });

  it("uses Ubuntu's Chromium package name on Ubuntu", () => {
    const result = plan(machine({ isRoot: true, distro: 'ubuntu', commands: ['apt-get'] }));
    expect(result.run?.[1]).toEqual(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'redis-server', 'chromium-browser', 'fonts-noto-cjk']);
  });

  it('stops at once when not root, naming each missing thing and the exact sudo command', () => {
    const result = plan(machine({ commands: ['apt-get', 'chromium'] }));
    expect(result.run).toBeUndefined();
    expect(result.stop).toContain('redis-server: the Redis store and cluster specs run a real Redis');
    expect(result.stop).toContain('a CJK font (Noto CJK)');
    expect(result.stop).not.toContain('Chromium:');
    expect(result.stop).toContain('sudo apt-get update && sudo apt-get install -y -qq --no-install-recommends redis-server fonts-noto-cjk');
  });

  it('uses Homebrew on macOS (formulae and casks apart), where the system fonts cover CJK', () => {
    const result = plan(machine({ platform: 'darwin', commands: ['brew'] }));
    expect(result.missing.map((r) => r.id)).toEqual(['redis', 'chromium']);
    expect(result.run).toEqual([['brew', 'install', 'redis'], ['brew', 'install', '--cask', 'chromium']]);
    expect(plan(machine({ platform: 'darwin', commands: ['redis-server'], apps: ['/Applications/Google Chrome.app'] })).missing).toEqual([]);
  });

  it('stops on macOS without Homebrew, with the brew commands to run once it is there', () => {
    const result = plan(machine({ platform: 'darwin', commands: ['redis-server'] }));
    expect(result.stop).toContain('https://brew.sh');
    expect(result.stop).toContain('brew install --cask chromium');
  });

  it('stops elsewhere with the package names for the usual package managers', () => {
    const result = plan(machine({ distro: 'fedora', isRoot: true }));
    expect(result.stop).toContain('apt-get install redis-server chromium fonts-noto-cjk');
    expect(result.stop).toContain('dnf install redis chromium google-noto-sans-cjk-fonts');
  });

  it('reads facts of this machine without failing', () => {
    const facts = probe();
    expect(facts.platform).toBe(process.platform);
    expect(typeof facts.onPath('node')).toBe('boolean');
  });
});
