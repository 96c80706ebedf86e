// Settings → office network → accounts (docs/hub.md, "Roles"): the hub's accounts for its
// administrator — add one, disable (after a confirmation) or enable it, set its password.
import { useCallback, useEffect, useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, ROLES, type Role, type UserEntry } from '../../../shared/api/hub.contract';
import type { Language } from '../../../shared/domain';
import type { LedgerErrorData } from '../../../shared/errors';
import { localDateTime } from '../../../shared/grid-display';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { Modal } from '../grids/Modal';
import { useLedger } from '../ledger-context';
import { Done } from './SettingsBackups';

export interface Users {
  users: UserEntry[] | null;
  error: LedgerErrorData | null;
  reload(): void;
}

/** The hub's accounts, asked again after each change (and whenever `version` changes). */
export function useUsers(enabled: boolean): Users {
  const [users, setUsers] = useState<UserEntry[] | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const reload = useCallback(() => {
    if (!enabled) return;
    call('listUsers', {})
      .then((list) => {
        setUsers(list);
        setError(null);
      })
      .catch((e: unknown) => setError(toErrorData(e)));
  }, [enabled]);
  useEffect(reload, [reload]);
  return { users, error, reload };
}

/** Whether the ledger has an administrator who can sign in; null until the accounts are known. */
export function hasEnabledAdmin(users: UserEntry[] | null): boolean | null {
  return users === null ? null : users.some((u) => u.role === 'admin' && !u.disabled);
}

/** Why two typed passwords cannot be saved, in the clerk's words; null when they can. */
function passwordProblem(password: string, again: string, language: Language, mismatch: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return errorSentence({ code: 'password_too_short', message: '', details: { limit: MIN_PASSWORD_LENGTH } }, language);
  }
  return password === again ? null : mismatch;
}

/** A new password typed twice (adding an account, setting a password). */
function PasswordPair({
  value,
  onChange,
  testId,
}: {
  value: [string, string];
  onChange(next: [string, string]): void;
  testId: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const first = useId();
  const second = useId();
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={first}>
          {t('hub.accounts.password')}
        </label>
        <input
          id={first}
          className="input"
          type="password"
          autoComplete="new-password"
          value={value[0]}
          onChange={(e) => onChange([e.target.value, value[1]])}
          data-testid={`${testId}-password`}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={second}>
          {t('hub.accounts.passwordAgain')}
        </label>
        <input
          id={second}
          className="input"
          type="password"
          autoComplete="new-password"
          value={value[1]}
          onChange={(e) => onChange([value[0], e.target.value])}
          data-testid={`${testId}-password-again`}
        />
      </div>
    </>
  );
}

function FieldError({ text, testId }: { text: string; testId: string }): React.JSX.Element {
  return (
    <p className="field__error" role="alert" data-testid={testId}>
      <Icon name="alert" size={16} />
      <span>{text}</span>
    </p>
  );
}

/** A small button in an account's row. */
function RowAction({ label, busy, onClick, testId }: { label: string; busy: boolean; onClick(): void; testId: string }): React.JSX.Element {
  return (
    <button type="button" className="button button--small" disabled={busy} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
}

type Outcome = { key: 'added' | 'passwordSet' | 'enabledDone' | 'disabledDone'; name: string };

function AddAccountForm({
  presetRole,
  nameRef,
  onAdded,
}: {
  presetRole: Role;
  nameRef: RefObject<HTMLInputElement | null>;
  onAdded(user: UserEntry): void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const nameId = useId();
  const roleId = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(presetRole);
  const [passwords, setPasswords] = useState<[string, string]>(['', '']);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setRole(presetRole), [presetRole]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const why = passwordProblem(passwords[0], passwords[1], language, t('hub.accounts.mismatch'));
    setProblem(why);
    if (why !== null) return;
    setBusy(true);
    call('addUser', { name: name.trim(), role, password: passwords[0] })
      .then((user) => {
        setName('');
        setPasswords(['', '']);
        onAdded(user);
      })
      .catch((e: unknown) => setError(toErrorData(e)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="hub-form" onSubmit={submit} noValidate data-testid="account-add-form">
      <h4 className="hub-form__heading">{t('hub.accounts.addHeading')}</h4>
      <div className="hub-form__fields">
        <div className="field">
          <label className="field__label" htmlFor={nameId}>
            {t('hub.accounts.name')}
          </label>
          <input
            id={nameId}
            ref={nameRef}
            className="input"
            type="text"
            autoComplete="off"
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="account-add-name"
          />
        </div>
        <div className="field field--narrow">
          <label className="field__label" htmlFor={roleId}>
            {t('hub.accounts.role')}
          </label>
          <select
            id={roleId}
            className="input"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            data-testid="account-add-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`hub.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <PasswordPair value={passwords} onChange={setPasswords} testId="account-add" />
        <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''} data-testid="account-add-save">
          {busy ? t('hub.accounts.adding') : t('hub.accounts.add')}
        </button>
      </div>
      <p className="muted field__help">{t('hub.accounts.passwordHelp', { limit: MIN_PASSWORD_LENGTH })}</p>
      {problem !== null && <FieldError text={problem} testId="account-add-problem" />}
      {error !== null && <ErrorBanner error={error} testId="account-add-error" />}
    </form>
  );
}

function SetPasswordDialog({ user, onClose, onDone }: { user: UserEntry; onClose(): void; onDone(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [passwords, setPasswords] = useState<[string, string]>(['', '']);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const save = () => {
    setError(null);
    const why = passwordProblem(passwords[0], passwords[1], language, t('hub.accounts.mismatch'));
    setProblem(why);
    if (why !== null) return;
    setBusy(true);
    call('setUserPassword', { name: user.name, password: passwords[0] })
      .then(onDone)
      .catch((e: unknown) => setError(toErrorData(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      title={t('hub.accounts.newPasswordFor', { name: user.name })}
      onClose={onClose}
      testId="account-password-dialog"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose} data-testid="account-password-cancel">
            {t('hub.accounts.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={busy} onClick={save} data-testid="account-password-save">
            {t('hub.accounts.savePassword')}
          </button>
        </>
      }
    >
      <div className="hub-form__fields hub-form__fields--stacked">
        <PasswordPair value={passwords} onChange={setPasswords} testId="account-password" />
      </div>
      <p className="muted field__help">{t('hub.accounts.passwordHelp', { limit: MIN_PASSWORD_LENGTH })}</p>
      {problem !== null && <FieldError text={problem} testId="account-password-problem" />}
      {error !== null && <ErrorBanner error={error} testId="account-password-error" />}
    </Modal>
  );
}

export function AccountsPart({
  users,
  presetRole,
  nameRef,
}: {
  users: Users;
  presetRole: Role;
  nameRef: RefObject<HTMLInputElement | null>;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState<UserEntry | null>(null);
  const [passwordFor, setPasswordFor] = useState<UserEntry | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const list = users.users;

  const setDisabled = (user: UserEntry, disabled: boolean) => {
    setConfirm(null);
    setBusy(true);
    setError(null);
    setOutcome(null);
    call('setUserDisabled', { name: user.name, disabled })
      .then((u) => setOutcome({ key: disabled ? 'disabledDone' : 'enabledDone', name: u.name }))
      .catch((e: unknown) => setError(toErrorData(e)))
      .finally(() => {
        setBusy(false);
        users.reload();
      });
  };

  return (
    <div className="hub-part hub-part--accounts" data-testid="hub-accounts">
      <h3 className="hub-part__heading">{t('hub.accounts.heading')}</h3>
      <p className="muted">{t('hub.accounts.help')}</p>
      {users.error !== null && <ErrorBanner error={users.error} onRetry={users.reload} testId="accounts-load-error" />}
      {error !== null && <ErrorBanner error={error} testId="accounts-error" />}
      {outcome !== null && <Done text={t(`hub.accounts.${outcome.key}`, { name: outcome.name })} testId="accounts-done" />}
      {list === null && users.error === null && <p className="muted">{t('hub.accounts.loading')}</p>}
      {list !== null && list.length === 0 && (
        <p className="muted" data-testid="accounts-empty">
          {t('hub.accounts.empty')}
        </p>
      )}
      {list !== null && list.length > 0 && (
        <div className="table-scroll">
          <table className="table accounts-table" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{t('hub.accounts.columns.name')}</th>
                <th scope="col">{t('hub.accounts.columns.role')}</th>
                <th scope="col">{t('hub.accounts.columns.state')}</th>
                <th scope="col">{t('hub.accounts.columns.lastLogin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('hub.accounts.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.name} data-testid="account-row" data-name={u.name} data-disabled={u.disabled}>
                  <th scope="row">{u.name}</th>
                  <td data-testid="account-role">{t(`hub.roles.${u.role}`)}</td>
                  <td data-testid="account-state" className={u.disabled ? 'accounts-table__off' : undefined}>
                    {u.disabled ? t('hub.accounts.disabled') : t('hub.accounts.enabled')}
                  </td>
                  <td data-testid="account-last-login">
                    {u.lastLoginAt === null ? t('hub.accounts.never') : localDateTime(u.lastLoginAt, { seconds: false })}
                  </td>
                  <td>
                    <div className="accounts-table__actions">
                      <RowAction
                        label={t('hub.accounts.setPassword')}
                        busy={busy}
                        onClick={() => setPasswordFor(u)}
                        testId="account-set-password"
                      />
                      {u.disabled ? (
                        <RowAction
                          label={t('hub.accounts.enable')}
                          busy={busy}
                          onClick={() => setDisabled(u, false)}
                          testId="account-enable"
                        />
                      ) : (
                        <RowAction label={t('hub.accounts.disable')} busy={busy} onClick={() => setConfirm(u)} testId="account-disable" />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddAccountForm
        presetRole={presetRole}
        nameRef={nameRef}
        onAdded={(u) => {
          setError(null);
          setOutcome({ key: 'added', name: u.name });
          users.reload();
        }}
      />
      {confirm !== null && (
        <Modal
          title={t('hub.accounts.confirm.title', { name: confirm.name })}
          onClose={() => setConfirm(null)}
          testId="account-disable-dialog"
          footer={
            <>
              <button type="button" className="button button--ghost" onClick={() => setConfirm(null)} data-testid="account-disable-cancel">
                {t('hub.accounts.confirm.cancel')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => setDisabled(confirm, true)}
                data-testid="account-disable-confirm"
              >
                {t('hub.accounts.confirm.ok')}
              </button>
            </>
          }
        >
          <p>{t('hub.accounts.confirm.body')}</p>
        </Modal>
      )}
      {passwordFor !== null && (
        <SetPasswordDialog
          user={passwordFor}
          onClose={() => setPasswordFor(null)}
          onDone={() => {
            setOutcome({ key: 'passwordSet', name: passwordFor.name });
            setPasswordFor(null);
            users.reload();
          }}
        />
      )}
    </div>
  );
}
