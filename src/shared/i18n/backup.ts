// Strings of backups, restore and the ledger file, Korean first. Reached in the UI as t('backup.…').
// North Korean usage: 예비본 (backup), 복구 (restore), 날자.
import type { BackupErrorCode } from '../api/backup.errors';
import type { WithPlurals } from './plural';

export const backupKo = {
  heading: '예비본',
  help: '자료를 들여오거나 예비본으로 복구하기 전에 프로그램이 배치대장을 자동으로 복사해 둡니다. 최근 10개를 남깁니다.',
  folder: '예비본 폴더',
  empty: '예비본이 아직 없습니다. 자료를 처음 들여올 때 만들어집니다.',
  loading: '예비본 목록을 불러오는 중…',
  columns: { madeAt: '만든 때', reason: '까닭', size: '크기', persons: '인원', action: '' },
  reason: {
    import: '자료 들여오기 전',
    restore: '예비본으로 복구하기 전',
    allocation: '배치 배정 전',
    open: '다른 대장을 열기 전',
    manual: '손으로 만든 예비본',
  },
  persons: '{{formatted}}명',
  unreadable: '읽을 수 없음',
  restore: '복구…',
  confirm: {
    title: '이 예비본으로 복구하겠습니까?',
    body: '{{madeAt}}에 만든 예비본({{reason}}, {{persons}})으로 배치대장을 되돌립니다.',
    keep: '지금의 배치대장은 먼저 예비본으로 남겨 두므로 언제든지 다시 되돌릴 수 있습니다.',
    after: '그 뒤에 한 변경은 복구한 대장에는 없습니다. 복구하기 전에 예비본을 검사하고, 손상되였거나 다른 파일이면 복구하지 않습니다.',
    ok: '복구하기',
    cancel: '그만두기',
  },
  restoring: '복구하는 중…',
  restored: '{{madeAt}}의 예비본으로 복구하였습니다({{persons}}). 복구 전의 대장은 예비본 목록의 맨 위에 남겨 두었습니다.',
  ledger: {
    heading: '다른 배치대장',
    help: '다른 배치대장 파일을 열거나 새 대장을 만듭니다. 지금의 대장 파일은 그대로 남습니다.',
    open: '대장 파일 열기…',
    create: '새 대장 만들기…',
    pathLabel: '대장 파일 경로',
    pathHelp: '열 파일이나 새로 만들 파일의 전체 경로를 적으십시오(례: /home/사무원/배치대장.sqlite).',
    openPath: '열기',
    createPath: '새로 만들기',
    opened: '«{{path}}» 대장을 열었습니다.',
    created: '새 대장 «{{path}}»을(를) 만들었습니다.',
  },
};

export const backupEn: WithPlurals<typeof backupKo> = {
  heading: 'Backups',
  help: 'Before an import or a restore the app copies the ledger automatically. The 10 newest are kept.',
  folder: 'Backup folder',
  empty: 'No backups yet. The first one is made with the first import.',
  loading: 'Loading the backups…',
  columns: { madeAt: 'Made', reason: 'Why', size: 'Size', persons: 'Persons', action: '' },
  reason: {
    import: 'Before an import',
    restore: 'Before a restore',
    allocation: 'Before an allocation',
    open: 'Before opening another ledger',
    manual: 'Made by hand',
  },
  persons: 'persons: {{formatted}}',
  unreadable: 'cannot be read',
  restore: 'Restore…',
  confirm: {
    title: 'Restore this backup?',
    body: 'The ledger goes back to the backup made {{madeAt}} ({{reason}}; {{persons}}).',
    keep: 'The ledger as it is now is kept as a backup first, so you can always go back to it.',
    after:
      'Changes made after the backup are not in the restored ledger. The backup is checked before; a damaged or foreign file is not restored.',
    ok: 'Restore',
    cancel: 'Cancel',
  },
  restoring: 'Restoring…',
  restored: 'Restored the backup of {{madeAt}} ({{persons}}). The ledger as it was is kept as the newest backup in the list.',
  ledger: {
    heading: 'Another ledger',
    help: 'Open another ledger file or start a new ledger. The current ledger file stays as it is.',
    open: 'Open a ledger file…',
    create: 'New ledger…',
    pathLabel: 'Ledger file path',
    pathHelp: 'Type the full path of the file to open or to create (e.g. /home/clerk/ledger.sqlite).',
    openPath: 'Open',
    createPath: 'Create',
    opened: 'Opened the ledger “{{path}}”.',
    created: 'Created the new ledger “{{path}}”.',
  },
};

export const backupErrorsKo: Record<BackupErrorCode, string> = {
  ledger_missing:
    '«{{path}}»에 배치대장이 없습니다(파일이 없거나 비어 있음). 경로를 확인하십시오. 새 대장은 «ledger init»으로 만듭니다. 아무것도 만들지 않았습니다.',
  file_is_ledger: '«{{file}}»은(는) 배치대장 파일 자체(또는 그 기록파일)입니다. 들여올 병무국 파일이나 시·군 요구서를 고르십시오.',
  ledger_readonly: '배치대장 파일 «{{path}}»이(가) 읽기전용입니다. 파일의 쓰기 권한을 풀고 다시 하십시오. 아무것도 변경하지 않았습니다.',
  disk_full: '디스크가 가득 찼습니다(«{{path}}»). 자리를 비우고 다시 하십시오. 아무것도 변경하지 않았습니다.',
  disk_io_error: '디스크에서 읽거나 쓰지 못했습니다(«{{path}}»). 매체와 련결을 확인하고 다시 하십시오. 아무것도 변경하지 않았습니다.',
  backup_not_found: '예비본 «{{name}}»이(가) 없습니다. 예비본 목록을 다시 불러오십시오.',
  restore_not_ledger: '«{{path}}»은(는) 배치대장의 예비본이 아닙니다. 복구하지 않았습니다. 배치대장은 그대로입니다.',
  restore_damaged:
    '예비본 «{{path}}»이(가) 손상되였습니다({{reason}}). 복구하지 않았습니다. 배치대장은 그대로입니다. 다른 예비본을 고르십시오.',
  restore_too_new:
    '예비본 «{{path}}»은(는) 더 새로운 판본의 프로그램으로 만들어졌습니다(단계 {{found}}, 이 프로그램은 {{supported}}까지). 복구하지 않았습니다.',
  restore_same_file: '«{{path}}»은(는) 지금 열려 있는 배치대장 자체입니다. 예비본 폴더의 파일을 고르십시오.',
  restore_page_size: '예비본 «{{path}}»을(를) 복구할 수 없습니다({{reason}}). 배치대장은 그대로입니다.',
  restore_busy:
    '다른 작업(자료 들여오기, 명단 내보내기, 되돌리기)이 진행 중이므로 지금은 복구하거나 다른 대장을 열 수 없습니다. 작업이 끝난 뒤 다시 하십시오.',
};

export const backupErrorsEn: Record<BackupErrorCode, string> = {
  ledger_missing:
    'There is no ledger at “{{path}}” (no file, or an empty one). Check the path; a new ledger is made with “ledger init”. Nothing was created.',
  file_is_ledger: '“{{file}}” is the ledger file itself (or its log). Choose the Bureau’s file or a county request sheet to import.',
  ledger_readonly: 'The ledger file “{{path}}” is read-only. Allow writing to the file and try again. Nothing was changed.',
  disk_full: 'The disk is full (“{{path}}”) — free space and try again. Nothing was changed.',
  disk_io_error:
    'The disk could not be read or written (“{{path}}”). Check the drive or the connection and try again. Nothing was changed.',
  backup_not_found: 'There is no backup “{{name}}”. Load the list of backups again.',
  restore_not_ledger: '“{{path}}” is not a backup of a ledger. Nothing was restored; the ledger is as it was.',
  restore_damaged: 'The backup “{{path}}” is damaged ({{reason}}). Nothing was restored; the ledger is as it was. Choose another backup.',
  restore_too_new:
    'The backup “{{path}}” was made by a newer version of the app (level {{found}}; this app knows up to {{supported}}). Nothing was restored.',
  restore_same_file: '“{{path}}” is the open ledger itself. Choose a file from the backup folder.',
  restore_page_size: 'The backup “{{path}}” cannot be restored ({{reason}}). The ledger is as it was.',
  restore_busy:
    'Another task (an import, an export, an undo) is running, so the ledger cannot be restored or switched now. Try again when it has finished.',
};
