import { describe, expect, it } from 'vitest';
import { clockTime, fingerprintDigits, fingerprintLines, parseHubAddress, parsePort, sameFingerprint } from '../../src/shared/hub-display';

const HEX = 'AB12CD34EF560789AB12CD34EF560789AB12CD34EF560789AB12CD34EF560789';
const FINGERPRINT = `SHA256:${HEX.match(/../g)?.join(':') ?? ''}`;

describe('fingerprint for the clerk', () => {
  it('is four lines of eight hex pairs, without the prefix', () => {
    const lines = fingerprintLines(FINGERPRINT);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('AB:12:CD:34:EF:56:07:89');
    for (const line of lines) expect(line).toMatch(/^([0-9A-F]{2}:){7}[0-9A-F]{2}$/);
    expect(lines.join(':').replace(/:/g, '')).toBe(HEX);
  });

  it('reads the same digits however it is written', () => {
    expect(fingerprintDigits(FINGERPRINT)).toBe(HEX);
    expect(fingerprintDigits(` sha256:${HEX.toLowerCase()} `)).toBe(HEX);
    expect(sameFingerprint(FINGERPRINT, HEX.toLowerCase())).toBe(true);
  });

  it('tells a changed certificate apart, even by one digit', () => {
    const changed = FINGERPRINT.slice(0, -1) + '8';
    expect(sameFingerprint(FINGERPRINT, changed)).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });

  it('keeps an odd last pair and shorter lines', () => {
    expect(fingerprintLines('SHA256:ABCDE', 2)).toEqual(['AB:CD', 'E']);
    expect(fingerprintLines('')).toEqual([]);
  });
});

describe('hub address typed by a clerk', () => {
  it('takes a name, an IPv4 or a bracketed IPv6 address with a port', () => {
    expect(parseHubAddress('192.168.0.10:8443')).toEqual({ ok: true, host: '192.168.0.10', port: 8443, address: '192.168.0.10:8443' });
    expect(parseHubAddress(' Rodong-PC:9000 ')).toMatchObject({ ok: true, address: 'rodong-pc:9000' });
    expect(parseHubAddress('[::1]:8443')).toMatchObject({ ok: true, host: '[::1]', address: '[::1]:8443' });
    expect(parseHubAddress('localhost:443')).toMatchObject({ ok: true, port: 443 });
  });

  it('adds port 8443 when none is typed and forgives https:// and a trailing slash', () => {
    expect(parseHubAddress('10.0.0.5')).toMatchObject({ ok: true, address: '10.0.0.5:8443' });
    expect(parseHubAddress('https://10.0.0.5:8500/')).toMatchObject({ ok: true, address: '10.0.0.5:8500' });
  });

  it('names what is wrong', () => {
    expect(parseHubAddress('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseHubAddress('192.168.0.300:8443')).toEqual({ ok: false, problem: 'host' });
    expect(parseHubAddress('::1:8443')).toEqual({ ok: false, problem: 'host' });
    expect(parseHubAddress('my pc:8443')).toEqual({ ok: false, problem: 'host' });
    expect(parseHubAddress('http://10.0.0.5:8443')).toEqual({ ok: false, problem: 'host' });
    expect(parseHubAddress('10.0.0.5:')).toEqual({ ok: false, problem: 'port' });
    expect(parseHubAddress('10.0.0.5:70000')).toEqual({ ok: false, problem: 'port' });
    expect(parseHubAddress('10.0.0.5:84a3')).toEqual({ ok: false, problem: 'port' });
    expect(parseHubAddress('10.0.0.5:0')).toEqual({ ok: false, problem: 'port' });
  });
});

describe('port for sharing', () => {
  it('is a whole number from 1024 to 65535', () => {
    expect(parsePort('8443')).toBe(8443);
    expect(parsePort(' 1024 ')).toBe(1024);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('1023')).toBeNull();
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('84.43')).toBeNull();
    expect(parsePort('')).toBeNull();
  });
});

describe('time of day', () => {
  it('is HH:MM in local time, never an ISO text', () => {
    const at = new Date(2027, 2, 14, 9, 5, 33);
    expect(clockTime(at.toISOString())).toBe('09:05');
    expect(clockTime(null)).toBe('');
    expect(clockTime('not a time')).toBe('');
  });
});
