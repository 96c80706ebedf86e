// Strings of the office hub (sharing the ledger, connecting, accounts), Korean first. Reached in
// the UI as t('hub.…'). North Korean usage: 망 (network), 가입자/계정, 암호.
import type { HubErrorCode } from '../api/hub.errors';

export const hubKo = {
  roles: { admin: '관리자', clerk: '사무원', readonly: '보기만' },
  /** Why the hub could not be reached ({{reason}} of hub_unreachable; keys from hub/client.ts). */
  unreachableReasons: {
    refused: '련결을 거절당했습니다',
    timeout: '응답이 없습니다',
    name_not_found: '그런 이름의 PC를 찾지 못했습니다',
    reset: '련결이 끊어졌습니다',
    network: '망 오류',
  },
  /** long_write_running when a colleague's long write refuses the clerk's: who, and what it is. */
  longWrite: {
    import: '{{clerk}} 님이 자료를 들여오는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    importUndo: '{{clerk}} 님이 들여온 자료를 되돌리는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    allocate: '{{clerk}} 님이 작업장 배정을 적용하는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    replay: '{{clerk}} 님이 많은 행을 되돌리는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    restore: '{{clerk}} 님이 예비본으로 대장을 복구하는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    other: '{{clerk}} 님이 대장에 많은 자료를 쓰는 중입니다. 그것이 끝난 뒤 다시 하십시오. 아무것도 바꾸지 않았습니다.',
  },
  /** Who and when, where the ledger does not know them (a row changed by another program). */
  someone: '다른 사용자',
  recently: '조금 전',
  /** A grid cell whose save waits for the hub (unreachable, signed out, a long write). */
  unsaved: '저장되지 않았습니다: {{reason}} 다시 련결되면 저절로 저장합니다. Esc 키를 누르면 입력한 값을 버립니다.',
  unsavedNotice: '저장되지 않은 칸이 {{count}}개 있습니다. 사무실 대장이 응답하면 저절로 다시 저장합니다.',
  discardUnsaved: '입력한 값 모두 버리기',
  retryUnsaved: '다시 저장',
  /** Why sharing failed: the {{reason}} of hub_sharing_failed (details.reason). */
  sharingReasons: {
    port_in_use: '포구 {{port}}을(를) 다른 프로그람이 쓰고 있습니다',
    not_permitted: '포구 {{port}}을(를) 열 권한이 없습니다',
    address_unavailable: '이 PC에 없는 주소입니다',
    certificate: '인증서를 만들거나 읽지 못했습니다',
    other: '원인을 알 수 없음',
  },
  serve: {
    noAdmin: '관리자 계정이 아직 없습니다. «ledger users add 이름 --role admin»으로 관리자 계정을 만들고 사무원들의 계정을 추가하십시오.',
  },
};

export const hubEn: typeof hubKo = {
  roles: { admin: 'Administrator', clerk: 'Clerk', readonly: 'Read only' },
  unreachableReasons: {
    refused: 'connection refused',
    timeout: 'no answer in time',
    name_not_found: 'no PC of that name was found',
    reset: 'the connection was cut',
    network: 'network error',
  },
  longWrite: {
    import: '{{clerk}} is importing data. Try again when it has finished. Nothing was changed.',
    importUndo: '{{clerk}} is undoing an import. Try again when it has finished. Nothing was changed.',
    allocate: '{{clerk}} is accepting an allocation of workplaces. Try again when it has finished. Nothing was changed.',
    replay: '{{clerk}} is undoing or redoing many rows. Try again when it has finished. Nothing was changed.',
    restore: '{{clerk}} is restoring the ledger from a backup. Try again when it has finished. Nothing was changed.',
    other: '{{clerk}} is writing much data to the ledger. Try again when it has finished. Nothing was changed.',
  },
  someone: 'another user',
  recently: 'a moment ago',
  unsaved: 'Not saved: {{reason}} It is saved by itself once the office ledger answers. Press Esc to discard what you typed.',
  unsavedNotice: '{{count}} cell(s) are not saved yet. They are saved again by themselves once the office ledger answers.',
  discardUnsaved: 'Discard all I typed',
  retryUnsaved: 'Save again',
  sharingReasons: {
    port_in_use: 'another program uses port {{port}}',
    not_permitted: 'no permission to open port {{port}}',
    address_unavailable: 'this PC has no such address',
    certificate: 'the certificate could not be made or read',
    other: 'cause unknown',
  },
  serve: {
    noAdmin: 'There is no administrator account yet. Make one with «ledger users add NAME --role admin», then add the clerks’ accounts.',
  },
};

export const hubErrorsKo: Record<HubErrorCode, string> = {
  hub_unreachable:
    '사무실 대장 «{{address}}»에 련결할 수 없습니다({{reason}}). 망 련결과 대장을 공유하는 PC가 켜져 있는지 확인하십시오. 입력한 내용은 저장되지 않은 채로 남아 있습니다.',
  hub_not_a_hub: '«{{address}}»은(는) 배치대장을 공유하는 PC가 아닙니다. 주소와 포구 번호를 확인하십시오.',
  hub_certificate_changed:
    '사무실 대장 «{{address}}»의 인증서가 전에 확인한 것과 다릅니다. 련결하지 않았습니다. 대장을 공유하는 PC에 보이는 지문을 관리자와 함께 확인하십시오.',
  hub_certificate_unconfirmed: '사무실 대장의 인증서 지문을 먼저 확인하십시오. 대장을 공유하는 PC에 보이는 지문과 같아야 합니다.',
  hub_sharing_failed: '대장을 사무실 망에 공유하지 못했습니다({{reason}}). 다른 포구 번호로 다시 하십시오.',
  hub_no_admin: '관리자 계정이 없어 대장을 공유하지 않았습니다. 먼저 관리자 계정을 만드십시오.',
  hub_call_local_only: '이 일은 대장을 가진 PC에서만 할 수 있습니다.',
  login_failed: '이름이나 암호가 맞지 않습니다. 다시 입력하십시오.',
  login_throttled: '암호를 여러 번 틀렸습니다. {{seconds}}초 뒤에 다시 하십시오.',
  account_disabled: '계정 «{{name}}»은(는) 쓰지 못하게 되여 있습니다. 관리자에게 문의하십시오.',
  session_expired: '가입 시간이 끝났습니다. 다시 가입하십시오. 입력한 내용은 저장되지 않은 채로 남아 있습니다.',
  role_forbidden: '«{{role}}» 계정으로는 이 일을 할 수 없습니다. 관리자에게 문의하십시오.',
  user_exists: '계정 «{{name}}»이(가) 이미 있습니다. 다른 이름을 쓰십시오.',
  user_not_found: '계정 «{{name}}»이(가) 없습니다.',
  user_last_admin: '관리자가 한 명은 있어야 하므로 «{{name}}»을(를) 막을 수 없습니다.',
  password_too_short: '암호는 {{limit}}자 이상이여야 합니다.',
  row_changed: '이 행은 {{clerk}} 님이 {{at}}에 바꾸었습니다. 덮어쓰지 않았습니다. 새 값을 확인한 뒤 다시 입력하십시오.',
  undo_colleague_later: '{{clerk}} 님이 {{at}}에 이 작업 뒤에 고친 내용이 있어 되돌리지 않았습니다. {{clerk}} 님과 의논하십시오.',
};

export const hubErrorsEn: Record<HubErrorCode, string> = {
  hub_unreachable:
    'The office ledger “{{address}}” cannot be reached ({{reason}}). Check the network and that the PC sharing the ledger is on. What you typed stays marked unsaved.',
  hub_not_a_hub: '“{{address}}” is not a PC sharing a ledger. Check the address and the port.',
  hub_certificate_changed:
    'The certificate of the office ledger “{{address}}” is not the one you confirmed before. Not connected. Check the fingerprint shown on the PC sharing the ledger with your administrator.',
  hub_certificate_unconfirmed:
    'Confirm the office ledger’s certificate fingerprint first: it must match the one shown on the PC sharing the ledger.',
  hub_sharing_failed: 'The ledger could not be shared on the office network ({{reason}}). Try another port.',
  hub_no_admin: 'The ledger was not shared: there is no administrator account. Add one first.',
  hub_call_local_only: 'This can only be done on the PC that holds the ledger.',
  login_failed: 'The name or the password is wrong. Type them again.',
  login_throttled: 'Too many wrong passwords. Try again in {{seconds}} seconds.',
  account_disabled: 'The account “{{name}}” is disabled. Ask your administrator.',
  session_expired: 'Your sign-in has expired. Sign in again. What you typed stays marked unsaved.',
  role_forbidden: 'A “{{role}}” account cannot do this. Ask your administrator.',
  user_exists: 'There is already an account “{{name}}”. Choose another name.',
  user_not_found: 'There is no account “{{name}}”.',
  user_last_admin: '“{{name}}” cannot be disabled: the ledger needs at least one administrator.',
  password_too_short: 'A password needs at least {{limit}} characters.',
  row_changed: '{{clerk}} changed this row at {{at}}. Nothing was overwritten. Check the new value and type your change again.',
  undo_colleague_later:
    '{{clerk}} changed this at {{at}}, after the operation you want to undo, so it was not undone. Talk with {{clerk}} first.',
};
