// Error codes of the office hub: connecting, signing in, accounts, rows changed by a colleague
// (each has a sentence in i18n/hub.ts).
export const HUB_ERROR_CODES = [
  'hub_unreachable',
  'hub_not_a_hub',
  'hub_certificate_changed',
  'hub_certificate_unconfirmed',
  'hub_sharing_failed',
  'hub_no_admin',
  'hub_call_local_only',
  'login_failed',
  'login_throttled',
  'account_disabled',
  'session_expired',
  'role_forbidden',
  'user_exists',
  'user_not_found',
  'user_last_admin',
  'password_too_short',
  'row_changed',
  'undo_colleague_later',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];
