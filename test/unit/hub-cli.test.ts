// `ledger serve` and `ledger users …` (src/main/hub/cli.ts): accounts from the command line, and
// a hub process that prints its address and fingerprint, serves, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/main/hub/certificate';
import { parseListen } from '../../src/main/hub/cli';
import { runCliCaptured, tempFolders } from '../helpers/unit';

const root = resolve(__dirname, '../..');
const folder = tempFolders('ledger-hub-cli-');
const EN = { LEDGER_LANG: 'en' };

async function newLedger(): Promise<string> {
  const db = join(folder(), 'ledger.sqlite');
  expect((await runCliCaptured(['init', '--db', db])).code).toBe(0);
  return db;
}

describe('ledger users', () => {
  it('adds accounts with the password from LEDGER_NEW_PASSWORD, lists, disables and enables them', async () => {
    const db = await newLedger();
    const env = { ...EN, LEDGER_NEW_PASSWORD: 'password-1' };
    expect(await runCliCaptured(['users', 'add', '김관리', '--role', 'admin', '--db', db], env)).toMatchObject({
      code: 0,
      stdout: 'added 김관리\tadmin\n',
    });
    expect((await runCliCaptured(['users', 'add', 'kim', '--role', 'clerk', '--db', db], env)).code).toBe(0);
    const again = await runCliCaptured(['users', 'add', 'kim', '--role', 'clerk', '--db', db], env);
    expect([again.code, again.stderr]).toEqual([1, 'There is already an account “kim”. Choose another name.\n']);
    const list = await runCliCaptured(['users', 'list', '--json', '--db', db]);
    expect((JSON.parse(list.stdout) as { name: string; role: string }[]).map((u) => [u.name, u.role])).toEqual([
      ['kim', 'clerk'],
      ['김관리', 'admin'],
    ]);
    expect(JSON.stringify(list.stdout)).not.toContain('scrypt');
    expect((await runCliCaptured(['users', 'disable', 'kim', '--db', db], EN)).stdout).toBe('disabled kim\tclerk\tdisabled\n');
    const last = await runCliCaptured(['users', 'disable', '김관리', '--db', db], EN);
    expect([last.code, last.stderr]).toEqual([1, '“김관리” cannot be disabled: the ledger needs at least one administrator.\n']);
    expect((await runCliCaptured(['users', 'enable', 'kim', '--db', db], EN)).code).toBe(0);
    const short = await runCliCaptured(['users', 'passwd', 'kim', '--db', db], { ...EN, LEDGER_NEW_PASSWORD: 'short' });
    expect([short.code, short.stderr]).toEqual([1, 'A password needs at least 8 characters.\n']);
  });

  it('refuses bad usage (exit 2) and, without LEDGER_NEW_PASSWORD off a terminal, asks for it', async () => {
    const db = await newLedger();
    for (const args of [
      ['users', 'add', 'kim'],
      ['users', 'add', 'kim', '--role', 'boss'],
      ['users', 'list', 'kim'],
      ['users', 'remove', 'kim'],
      ['users', 'disable'],
      ['serve'],
      ['serve', '--listen', '8443'],
    ]) {
      expect((await runCliCaptured([...args, '--db', db], EN)).code, args.join(' ')).toBe(2);
    }
    const noPassword = await runCliCaptured(['users', 'add', 'kim', '--role', 'clerk', '--db', db], EN);
    expect([noPassword.code, noPassword.stderr.split('\n')[0]]).toEqual([
      2,
      'users: set LEDGER_NEW_PASSWORD, or run on a terminal to be asked for the password',
    ]);
    const unknown = await runCliCaptured(['users', 'passwd', 'nobody', '--db', db], EN);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'There is no account “nobody”.\n']);
  });

  it('reads ADDRESS:PORT', () => {
    expect(parseListen('0.0.0.0:8443')).toEqual({ host: '0.0.0.0', port: 8443 });
    expect(parseListen('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseListen('hub.office:0')).toEqual({ host: 'hub.office', port: 0 });
    expect(() => parseListen('0.0.0.0:99999')).toThrow('ADDRESS:PORT');
  });
});

describe('ledger serve', () => {
  it('prints the address and fingerprint (and that no admin exists), serves HTTPS, and stops on SIGTERM', async () => {
    const db = await newLedger();
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main/cli/index.ts', 'serve', '--listen', '127.0.0.1:0', '--db', db],
      {
        cwd: root,
        env: { ...process.env, ...EN },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('stop with Ctrl+C')) ready();
      });
      child.on('exit', () => fail(new Error(`serve ended: ${stdout} ${stderr}`)));
    });
    const address = /address: https:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
    const printed = /certificate fingerprint: (SHA256:[0-9A-F:]+)/.exec(stdout)?.[1];
    const certPem = readFileSync(`${db}.hub/cert.pem`, 'utf8');
    expect(printed).toBe(fingerprintOf(certPem));
    expect(stdout).toContain('There is no administrator account yet.');
    const hello = await new Promise<string>((done, fail) => {
      get(
        { host: '127.0.0.1', port: Number(address![1]), path: '/hub/hello', ca: certPem, checkServerIdentity: () => undefined },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => done(text));
        },
      ).on('error', fail);
    });
    expect(JSON.parse(hello)).toMatchObject({ app: 'placement-ledger-hub', protocol: 1 });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('stopped (SIGTERM)');
    expect(stderr).toBe('');
  });
});
