#!/usr/bin/env node
// `npm test`'s first step: makes sure the machine has what the specs run besides Node (a real redis-server,
// Chromium and a CJK font for the browser specs). Installs them where it can do so unattended — Debian/Ubuntu
// packages when running as root, Homebrew on macOS — and otherwise stops at once, naming what to install and how.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** What the specs need, described once; `plan()` and the messages are driven by this table. */
export const REQUIREMENTS = [
  {
    id: 'redis',
    what: 'redis-server',
    why: 'the Redis store and cluster specs run a real Redis',
    commands: ['redis-server'],
    apt: 'redis-server',
    brew: 'redis',
  },
  {
    id: 'chromium',
    what: 'Chromium',
    why: "the emulator UI's browser specs",
    commands: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    macApps: ['/Applications/Chromium.app', '/Applications/Google Chrome.app'],
    apt: 'chromium',
    aptUbuntu: 'chromium-browser',
    brew: '--cask chromium',
  },
  {
    id: 'cjk-font',
    what: 'a CJK font (Noto CJK)',
    why: 'browser screenshots of Chinese text',
    apt: 'fonts-noto-cjk',
    brew: '--cask font-noto-sans-cjk',
  },
];

/**
 * Decides, from facts about the machine, what is missing and what to do: nothing, run install commands, or stop
 * with a message. Pure, so it is tested without apt or brew.
 *
 * facts: { platform, isRoot, distro ('debian' | 'ubuntu' | other), onPath(cmd) => bool, hasApp(path) => bool,
 *          hasCjkFont: bool }
 */
export function plan(facts) {
  const missing = REQUIREMENTS.filter((r) => !present(r, facts));
  if (missing.length === 0) return { missing, run: [] };
  const list = missing.map((r) => `  - ${r.what}: ${r.why}`).join('\n');

  if (facts.platform === 'linux' && facts.onPath('apt-get')) {
    const packages = missing.map((r) => (facts.distro === 'ubuntu' && r.aptUbuntu) || r.apt);
    const install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages];
    if (facts.isRoot) return { missing, run: [['apt-get', 'update', '-qq'], install] };
    return { missing, stop: `npm test needs:\n${list}\nInstall them with:\n  sudo apt-get update && sudo ${install.join(' ')}\nthen run npm test again.` };
  }
  if (facts.platform === 'darwin') {
    const formulae = missing.filter((r) => !r.brew.startsWith('--cask')).map((r) => r.brew);
    const casks = missing.filter((r) => r.brew.startsWith('--cask')).map((r) => r.brew.replace('--cask ', ''));
    const run = [...(formulae.length ? [['brew', 'install', ...formulae]] : []), ...(casks.length ? [['brew', 'install', '--cask', ...casks]] : [])];
    if (facts.onPath('brew')) return { missing, run };
    return {
      missing,
      stop: `npm test needs:\n${list}\nInstall Homebrew (https://brew.sh), then:\n${run.map((c) => `  ${c.join(' ')}`).join('\n')}\nthen run npm test again.`,
    };
  }
  return {
    missing,
    stop:
      `npm test needs:\n${list}\nInstall them with your system's package manager (Debian/Ubuntu: ` +
      `apt-get install ${missing.map((r) => r.apt).join(' ')}; Fedora: dnf install ${missing.map(dnfName).join(' ')}), then run npm test again.`,
  };
}

function present(requirement, facts) {
  if (requirement.id === 'cjk-font') return facts.platform === 'darwin' || facts.hasCjkFont; // macOS ships PingFang
  if (requirement.commands.some((c) => facts.onPath(c))) return true;
  return facts.platform === 'darwin' && (requirement.macApps ?? []).some((app) => facts.hasApp(app));
}

function dnfName(requirement) {
  return { redis: 'redis', chromium: 'chromium', 'cjk-font': 'google-noto-sans-cjk-fonts' }[requirement.id];
}

/** The facts `plan()` needs, read from this machine. */
export function probe() {
  const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  let distro = 'other';
  if (existsSync('/etc/os-release')) distro = /^ID=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '') ?? 'other';
  const fonts = process.platform === 'linux' && onPath('fc-list') ? spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout : '';
  return {
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    distro,
    onPath,
    hasApp: (path) => existsSync(path),
    hasCjkFont: Boolean(fonts && fonts.trim()),
  };
}

function main() {
  const first = plan(probe());
  if (first.missing.length === 0) return 0;
  if (first.stop) {
    console.error(first.stop);
    return 1;
  }
  console.log(`test setup: installing ${first.missing.map((r) => r.what).join(', ')}`);
  for (const command of first.run) {
    const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`test setup: \`${command.join(' ')}\` failed; install ${first.missing.map((r) => r.what).join(', ')} yourself and run npm test again.`);
      return 1;
    }
  }
  const after = plan(probe());
  if (after.missing.length > 0) {
    console.error(`test setup: still missing after installing: ${after.missing.map((r) => r.what).join(', ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
