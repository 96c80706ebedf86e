// Settings → office network (issue 15, docs/hub.md): share this PC's ledger (addresses, the
// certificate's fingerprint, clerks signed in), its accounts, and connecting to another PC's ledger
// — probe, compare the fingerprint, sign in — or back to this PC's own.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubProbe, HubStatus, Role } from '../../../shared/api/hub.contract';
import type { LedgerErrorData } from '../../../shared/errors';
import {
  DEFAULT_HUB_PORT,
  fingerprintLines,
  HUB_PORT_RANGE,
  parseHubAddress,
  parsePort,
  type AddressProblem,
} from '../../../shared/hub-display';
import { call, toErrorData } from '../api';
import { CardHeader } from '../components/CardHeader';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { useHub } from '../hub-context';
import { AccountsPart, hasEnabledAdmin, useUsers, type Users } from './SettingsAccounts';
import { Done } from './SettingsBackups';

/** A certificate fingerprint as the clerk compares it: short monospace lines, and a copy button. */
function Fingerprint({ value, testId, copy = false }: { value: string; testId: string; copy?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const onCopy = () => {
    navigator.clipboard
      .writeText(value)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="fingerprint">
      <pre className="fingerprint__lines mono" data-testid={testId} data-value={value}>
        {fingerprintLines(value).join('\n')}
      </pre>
      {copy && (
        <button type="button" className="button button--small" onClick={onCopy} data-testid={`${testId}-copy`}>
          <Icon name={copied ? 'check' : 'file'} size={14} />
          <span>{copied ? t('hub.share.copied') : t('hub.share.copy')}</span>
        </button>
      )}
    </div>
  );
}

/** One part of the section: its heading, what it is for, its body. */
function HubPart({ part, mode, children }: { part: 'share' | 'connect'; mode: HubStatus['mode']; children: ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="hub-part" data-testid={`hub-${part}`} data-mode={mode}>
      <h3 className="hub-part__heading">{t(`hub.${part}.heading`)}</h3>
      <p className="muted">{t(`hub.${part}.help`)}</p>
      {children}
    </div>
  );
}

/** Why a part offers nothing in this mode. */
function Note({ text, testId }: { text: string; testId: string }): React.JSX.Element {
  return (
    <p className="muted hub-mode-note" data-testid={testId}>
      {text}
    </p>
  );
}

/** Runs one call that answers the hub's new status; its failure is kept for a banner. */
function useHubAction(): {
  busy: boolean;
  error: LedgerErrorData | null;
  setError(e: LedgerErrorData | null): void;
  run(work: () => Promise<HubStatus>, after?: () => void): void;
} {
  const { changed } = useHub();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const run = (work: () => Promise<HubStatus>, after?: () => void) => {
    setBusy(true);
    setError(null);
    work()
      .then((status) => {
        changed(status);
        after?.();
      })
      .catch((e: unknown) => setError(toErrorData(e)))
      .finally(() => setBusy(false));
  };
  return { busy, error, setError, run };
}

function SharePart({ status, users, onCreateAdmin }: { status: HubStatus; users: Users; onCreateAdmin(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const portId = useId();
  const portHelpId = useId();
  const [port, setPort] = useState(String(DEFAULT_HUB_PORT));
  const [portProblem, setPortProblem] = useState(false);
  const [stopped, setStopped] = useState(false);
  const action = useHubAction();
  const admin = hasEnabledAdmin(users.users);
  const range = { ...HUB_PORT_RANGE, port: DEFAULT_HUB_PORT };

  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = parsePort(port);
    setPortProblem(chosen === null);
    setStopped(false);
    if (chosen === null) return;
    action.run(() => call('startSharing', { port: chosen }));
  };
  const stop = () =>
    action.run(
      () => call('stopSharing', {}),
      () => setStopped(true),
    );

  let body: React.JSX.Element;
  if (status.mode === 'connected') {
    body = <Note text={t('hub.share.whileConnected')} testId="share-while-connected" />;
  } else if (status.mode === 'sharing') {
    body = (
      <>
        <Done text={t('hub.share.on')} testId="share-on" />
        <dl className="facts hub-facts">
          <div>
            <dt>{t('hub.share.addresses')}</dt>
            <dd>
              <ul className="hub-addresses" data-testid="share-addresses">
                {status.addresses.map((a) => (
                  <li key={a} className="mono" data-testid="share-address">
                    {a}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t('hub.share.fingerprint')}</dt>
            <dd>
              {status.fingerprint !== null && <Fingerprint value={status.fingerprint} testId="share-fingerprint" copy />}
              <p className="muted hub-note">{t('hub.share.fingerprintHelp')}</p>
            </dd>
          </div>
          <div>
            <dt>{t('hub.share.signedIn')}</dt>
            <dd data-testid="share-signed-in">{t('hub.share.signedInCount', { count: status.clerksSignedIn })}</dd>
          </div>
        </dl>
        <div className="button-row">
          <button type="button" className="button" disabled={action.busy} onClick={stop} data-testid="share-stop">
            {action.busy ? t('hub.share.stopping') : t('hub.share.stop')}
          </button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        {stopped && <Done text={t('hub.share.stopped')} testId="share-stopped" />}
        <p className="muted" data-testid="share-off">
          {t('hub.share.off')}
        </p>
        {admin === false && (
          <div className="banner banner--warn" role="status" data-testid="share-need-admin">
            <Icon name="user" className="banner__icon" size={20} />
            <div className="banner__body">
              <div>{t('hub.share.needAdmin')}</div>
              <button
                type="button"
                className="button button--small hub-banner-action"
                onClick={onCreateAdmin}
                data-testid="share-create-admin"
              >
                {t('hub.share.createAdmin')}
              </button>
            </div>
          </div>
        )}
        <form className="form-row" onSubmit={start} noValidate>
          <div className="field field--narrow">
            <label className="field__label" htmlFor={portId}>
              {t('hub.share.portLabel')}
            </label>
            <input
              id={portId}
              className={portProblem ? 'input mono input--invalid' : 'input mono'}
              type="text"
              inputMode="numeric"
              value={port}
              aria-invalid={portProblem}
              aria-describedby={portHelpId}
              onChange={(e) => setPort(e.target.value)}
              data-testid="share-port"
            />
          </div>
          <button type="submit" className="button button--primary" disabled={action.busy || admin === false} data-testid="share-start">
            <Icon name="globe" size={16} />
            <span>{action.busy ? t('hub.share.starting') : t('hub.share.start')}</span>
          </button>
        </form>
        <p className="muted field__help" id={portHelpId}>
          {t('hub.share.portHelp', range)}
        </p>
        {portProblem && (
          <p className="field__error" role="alert" data-testid="share-port-problem">
            <Icon name="alert" size={16} />
            <span>{t('hub.share.portInvalid', HUB_PORT_RANGE)}</span>
          </p>
        )}
      </>
    );
  }
  return (
    <HubPart part="share" mode={status.mode}>
      {body}
      {action.error !== null && <ErrorBanner error={action.error} testId="share-error" />}
    </HubPart>
  );
}

const ADDRESS_PROBLEM_KEY: Record<AddressProblem, 'addressEmpty' | 'addressHost' | 'addressPort'> = {
  empty: 'addressEmpty',
  host: 'addressHost',
  port: 'addressPort',
};

/** The hub found by probeHub: compare its fingerprint (twice when it changed), then sign in. */
function ProbeAnswer({ probe }: { probe: HubProbe }): React.JSX.Element {
  const { t } = useTranslation();
  const nameId = useId();
  const passwordId = useId();
  const changedCert = probe.pinnedFingerprint !== null;
  const [acceptChanged, setAcceptChanged] = useState(false);
  const [same, setSame] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const action = useHubAction();
  const confirmed = same && (!changedCert || acceptChanged);

  const connect = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirmed) return;
    action.run(() => call('connectHub', { address: probe.address, fingerprint: probe.fingerprint, name: name.trim(), password }));
    setPassword('');
  };

  return (
    <div className="hub-probe" data-testid="connect-probe">
      <p className="hub-probe__found" data-testid="connect-found">
        <Icon name="database" size={16} />
        <span>{t('hub.connect.found', { hubName: probe.hubName, appVersion: probe.appVersion })}</span>
      </p>
      {changedCert && (
        <div className="banner banner--error" role="alert" data-testid="connect-cert-changed">
          <Icon name="alert" className="banner__icon" size={20} />
          <div className="banner__body">
            <div className="banner__title">{t('hub.connect.changedTitle')}</div>
            <p>{t('hub.connect.changedBody')}</p>
            <div className="hub-probe__compare">
              <div>
                <div className="hub-probe__label">{t('hub.connect.pinnedWas')}</div>
                <Fingerprint value={probe.pinnedFingerprint ?? ''} testId="connect-pinned-fingerprint" />
              </div>
            </div>
            <label className="hub-check hub-check--danger">
              <input
                type="checkbox"
                checked={acceptChanged}
                onChange={(e) => setAcceptChanged(e.target.checked)}
                data-testid="connect-accept-changed"
              />
              <span>{t('hub.connect.acceptChanged')}</span>
            </label>
          </div>
        </div>
      )}
      <p>{t('hub.connect.compare')}</p>
      {changedCert && <div className="hub-probe__label">{t('hub.connect.nowIs')}</div>}
      <Fingerprint value={probe.fingerprint} testId="connect-fingerprint" />
      <label className="hub-check">
        <input
          type="checkbox"
          checked={same}
          disabled={changedCert && !acceptChanged}
          onChange={(e) => setSame(e.target.checked)}
          data-testid="connect-same"
        />
        <span>{t('hub.connect.same')}</span>
      </label>
      <p className="muted hub-note">{t('hub.connect.notSame')}</p>
      {confirmed && (
        <form className="hub-form" onSubmit={connect} noValidate data-testid="connect-sign-in">
          <p className="field__success">
            <Icon name="check" size={16} />
            <span>{t('hub.connect.confirmedNote')}</span>
          </p>
          <div className="hub-form__fields">
            <div className="field">
              <label className="field__label" htmlFor={nameId}>
                {t('hub.connect.account')}
              </label>
              <input
                id={nameId}
                className="input"
                type="text"
                autoComplete="username"
                value={name}
                onChange={(e) => setName(e.target.value)}
                data-testid="connect-name"
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={passwordId}>
                {t('hub.connect.password')}
              </label>
              <input
                id={passwordId}
                className="input"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                data-testid="connect-password"
              />
            </div>
            <button
              type="submit"
              className="button button--primary"
              disabled={action.busy || name.trim() === '' || password === ''}
              data-testid="connect-submit"
            >
              {action.busy ? t('hub.connect.connecting') : t('hub.connect.connect')}
            </button>
          </div>
        </form>
      )}
      {action.error !== null && <ErrorBanner error={action.error} testId="connect-error" />}
    </div>
  );
}

function ConnectPart({ status }: { status: HubStatus }): React.JSX.Element {
  const { t } = useTranslation();
  const addressId = useId();
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<AddressProblem | null>(null);
  const [probe, setProbe] = useState<HubProbe | null>(null);
  const [probing, setProbing] = useState(false);
  const [probeError, setProbeError] = useState<LedgerErrorData | null>(null);
  const leave = useHubAction();

  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseHubAddress(address);
    setProbe(null);
    setProbeError(null);
    setProblem(parsed.ok ? null : parsed.problem);
    if (!parsed.ok) return;
    setProbing(true);
    call('probeHub', { address: parsed.address })
      .then(setProbe)
      .catch((e: unknown) => setProbeError(toErrorData(e)))
      .finally(() => setProbing(false));
  };

  let body: React.JSX.Element;
  if (status.mode === 'sharing') {
    body = <Note text={t('hub.connect.whileSharing')} testId="connect-while-sharing" />;
  } else if (status.mode === 'connected') {
    body = (
      <>
        <Done text={t('hub.connect.connected')} testId="connect-connected" />
        <dl className="facts hub-facts">
          <div>
            <dt>{t('hub.connect.hub')}</dt>
            <dd className="mono" data-testid="connect-hub-address">
              {status.addresses[0] ?? ''}
            </dd>
          </div>
          <div>
            <dt>{t('hub.connect.accountNow')}</dt>
            <dd data-testid="connect-account">{status.clerk}</dd>
          </div>
          <div>
            <dt>{t('hub.connect.roleNow')}</dt>
            <dd data-testid="connect-role">{t(`hub.roles.${status.role}`)}</dd>
          </div>
        </dl>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={leave.busy}
            onClick={() => leave.run(() => call('disconnectHub', {}))}
            data-testid="connect-disconnect"
          >
            {leave.busy ? t('hub.connect.disconnecting') : t('hub.connect.disconnect')}
          </button>
        </div>
        {leave.error !== null && <ErrorBanner error={leave.error} testId="disconnect-error" />}
      </>
    );
  } else {
    body = (
      <>
        <form className="form-row" onSubmit={check} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={addressId}>
              {t('hub.connect.addressLabel')}
            </label>
            <input
              id={addressId}
              className={problem === null ? 'input mono' : 'input mono input--invalid'}
              type="text"
              spellCheck={false}
              placeholder={t('hub.connect.addressPlaceholder')}
              value={address}
              aria-invalid={problem !== null}
              onChange={(e) => {
                setAddress(e.target.value);
                setProbe(null);
              }}
              data-testid="connect-address"
            />
          </div>
          <button type="submit" className="button button--primary" disabled={probing} data-testid="connect-check">
            {probing ? t('hub.connect.checking') : t('hub.connect.check')}
          </button>
        </form>
        {problem !== null && (
          <p className="field__error" role="alert" data-testid="connect-address-problem">
            <Icon name="alert" size={16} />
            <span>{t(`hub.connect.${ADDRESS_PROBLEM_KEY[problem]}`)}</span>
          </p>
        )}
        {probeError !== null && <ErrorBanner error={probeError} testId="connect-probe-error" />}
        {probe !== null && <ProbeAnswer key={`${probe.address} ${probe.fingerprint}`} probe={probe} />}
      </>
    );
  }
  return (
    <HubPart part="connect" mode={status.mode}>
      {body}
    </HubPart>
  );
}

export function NetworkSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { status, error, refresh } = useHub();
  const isAdmin = status?.role === 'admin';
  const users = useUsers(isAdmin);
  const [presetRole, setPresetRole] = useState<Role>('clerk');
  const nameRef = useRef<HTMLInputElement>(null);
  const createAdmin = () => {
    setPresetRole('admin');
    nameRef.current?.scrollIntoView({ block: 'center' });
    nameRef.current?.focus();
  };
  return (
    <section
      className="card settings-section settings-section--network"
      aria-labelledby="settings-network-heading"
      data-testid="settings-network"
    >
      <CardHeader headingId="settings-network-heading" title={t('hub.network.heading')} subtitle={t('hub.network.help')} />
      <div className="card__body hub-parts">
        {error !== null && <ErrorBanner error={error} onRetry={refresh} testId="hub-status-error" />}
        {status === null && error === null && <p className="muted">{t('common.loading')}</p>}
        {status !== null && (
          <>
            <SharePart status={status} users={users} onCreateAdmin={createAdmin} />
            <ConnectPart status={status} />
            {isAdmin && <AccountsPart users={users} presetRole={presetRole} nameRef={nameRef} />}
          </>
        )}
      </div>
    </section>
  );
}
