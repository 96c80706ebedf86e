// Sentences for a path the clerk typed or chose (src/shared/api/paths.errors.ts), Korean first.
// {{path}} is what the clerk gave; {{part}} the piece of it that is wrong.
import type { PathErrorCode } from '../api/paths.errors';

export const pathErrorsKo: Record<PathErrorCode, string> = {
  path_not_absolute: '«{{path}}»은(는) 전체 경로가 아닙니다. 례: C:\\Users\\…\\Documents\\배치명단 처럼 처음부터 적으십시오.',
  path_missing:
    '«{{path}}» 폴더가 없고 «{{part}}»을(를) 만들 수도 없습니다. 경로(드라이브, 공유폴더)를 확인하십시오. 아무것도 쓰지 않았습니다.',
  path_folder_missing: '«{{path}}» 폴더가 없습니다. 경로를 확인하거나 폴더를 먼저 만드십시오. 아무것도 쓰지 않았습니다.',
  path_not_folder:
    '«{{part}}»은(는) 폴더가 아니라 파일입니다. 그 안에 아무것도 넣을 수 없으므로 다른 폴더를 고르십시오. 아무것도 쓰지 않았습니다.',
  path_is_folder: '«{{path}}»은(는) 파일이 아니라 폴더입니다. 파일 이름까지 적으십시오. 아무것도 쓰지 않았습니다.',
  path_read_only:
    '«{{path}}»은(는) 읽기전용 장소입니다(읽기전용 디스크나 공유폴더). 쓸 수 있는 다른 폴더를 고르십시오. 아무것도 쓰지 않았습니다.',
  path_no_permission: '«{{path}}»에 쓸 권한이 없습니다. 쓸 수 있는 다른 폴더를 고르십시오. 아무것도 쓰지 않았습니다.',
  path_disk_full:
    '«{{path}}»이(가) 있는 디스크에 빈 자리가 없습니다. 자리를 비우거나 다른 디스크를 고른 뒤 다시 하십시오. 쓰던 파일은 지웠습니다.',
  path_timed_out:
    '«{{path}}»이(가) {{seconds}}초 안에 대답하지 않았습니다. 망 공유폴더나 USB 기억기가 연결되어 있는지 확인하십시오. 아무것도 변경하지 않았습니다.',
  path_unusable: '«{{path}}»에 쓸 수 없습니다(장치가 오류를 알렸습니다). 다른 폴더를 고르십시오. 아무것도 쓰지 않았습니다.',
  path_wrong_extension: '«{{path}}» 파일 이름은 «.{{extension}}»으로 끝나야 합니다.',
  path_not_chosen: '저장할 파일을 아직 고르지 않았거나 고른 지 오래되었습니다. 파일을 다시 고르십시오.',
};

export const pathErrorsEn: Record<PathErrorCode, string> = {
  path_not_absolute: '“{{path}}” is not a full path. Write it from the start, e.g. C:\\Users\\…\\Documents\\Rosters.',
  path_missing: 'The folder “{{path}}” does not exist and “{{part}}” cannot be made. Check the path (drive, share). Nothing was written.',
  path_folder_missing: 'The folder “{{path}}” does not exist. Check the path, or make the folder first. Nothing was written.',
  path_not_folder: '“{{part}}” is a file, not a folder, so nothing can be put in it. Choose another folder. Nothing was written.',
  path_is_folder: '“{{path}}” is a folder, not a file. Give the file’s name too. Nothing was written.',
  path_read_only: '“{{path}}” is read-only (a read-only disk or share). Choose a folder you can write to. Nothing was written.',
  path_no_permission: 'You may not write in “{{path}}”. Choose a folder you can write to. Nothing was written.',
  path_disk_full:
    'The disk of “{{path}}” is full. Free some space or choose another disk, then try again. The files being written were removed.',
  path_timed_out: '“{{path}}” did not answer within {{seconds}} s; check the network share or USB stick. Nothing was changed.',
  path_unusable: 'Cannot write in “{{path}}” (the device reported an error). Choose another folder. Nothing was written.',
  path_wrong_extension: 'The file name “{{path}}” must end in “.{{extension}}”.',
  path_not_chosen: 'No file to save to was chosen, or the choice is too old. Choose the file again.',
};
