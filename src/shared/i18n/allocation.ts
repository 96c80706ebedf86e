// Strings of automatic allocation (작업장 배정), Korean first, and the sentences that explain a
// person's proposal to a clerk — in the clerk's words: workplaces and cities/counties by name,
// points as numbers, never an id or a code. North Korean usage: 로력요구, 배정되였습니다.
import type { AllocationErrorCode } from '../api/allocation.errors';
import type { PointsBreakdown, UnassignedReason } from '../allocation';
import type { Language, Sector } from '../domain';

export const allocationKo = {
  settings: {
    skillPoints: '요구기술 한 가지당 점수',
    priorityWeight: '우선순위 한 단계당 점수',
    dev20x10Points: '20×10 작업장 점수',
    fairness: '고르게 나누기 가중치',
    otherSectorCounties: '다른 부문 배정을 허용한 시·군',
    otherSectorCost: '다른 부문 배정 감점',
    keepUnits: '같은 부대 출신을 한곳에',
  },
  range: '{{min}}부터 {{max}}까지의 옹근수',
  rangeOther: '허용되지 않는 값',
  reasons: {
    county_has_no_requests: '시·군에 로력요구 없음',
    no_request_of_sector: '같은 부문의 로력요구 없음',
    all_full_before: '빈자리 없음(이미 배정됨)',
    seats_taken: '빈자리가 다른 사람에게 배정됨',
    kept_unassigned: '담당자가 작업장 없이 둠',
  },
  workbook: {
    fileName: '{{year}}-{{term}}-작업장배정안',
    title: '{{year}}년 {{term}} 제대군인 작업장 배정안',
    subtitle: '작성 {{date}} · 담당자 {{clerk}} · 배정안 상태: {{state}}',
    states: { proposed: '검토 중', accepted: '받아들임', discarded: '버림', undone: '되돌림' },
    summarySheet: '총괄',
    summaryColumns: ['도', '시·군', '인원', '작업장 배정', '작업장 미정', '다른 부문', '로력요구', '빈자리', '비고'],
    noRequests: '로력요구 없음 — 배정하지 않음',
    total: '합계',
    countyTitle: '{{county}} 작업장 배정안 ({{year}}년 {{term}})',
    countyColumns: ['작업장', '부문', '우선순위', '요구인원', '빈자리', '배정', '채움률', '군번', '성명', '기술기능', '리유'],
    unassignedHeading: '작업장을 정하지 못한 사람',
    skillsMatched: '요구기술 {{skills}}',
    priorityOnly: '우선순위 {{priority}}위',
    crossSector: '다른 부문',
    pinned: '담당자 고정',
    moved: '손으로 옮김',
    settingsHeading: '배정 설정',
    yes: '예',
    no: '아니',
  },
  why: {
    chosen: '«{{workplace}}»에 배정하였습니다: {{parts}}, 합계 {{net}}점.',
    skills: '요구기술 {{skills}} {{points}}점',
    noSkills: '맞는 요구기술 없음 0점',
    priority: '우선순위 {{priority}}위 {{points}}점',
    dev20x10: '20×10 작업장 {{points}}점',
    otherSector: '다른 부문 감점 −{{points}}점',
    fairness: '고르게 나누기 −{{points}}점(빈자리 {{free}}개 가운데 {{seat}}번째 자리)',
    crossSector: '이 시·군에는 다른 부문 배정을 허용하였으므로 {{sector}} 부문의 작업장에 보냈습니다.',
    unassigned: {
      county_has_no_requests: '{{county}}에는 이 시기의 로력요구가 하나도 없어 작업장을 정하지 못하였습니다.',
      no_request_of_sector: '{{county}}에는 {{sector}} 부문의 로력요구가 없어 작업장을 정하지 못하였습니다.',
      all_full_before: '{{county}}의 {{sector}} 부문 작업장은 이미 모든 자리가 배정되여 있어 작업장을 정하지 못하였습니다.',
      seats_taken: '{{county}}의 {{sector}} 부문 빈자리가 모두 다른 사람들에게 배정되여 작업장을 정하지 못하였습니다.',
    },
    otherCounty: '다른 시·군의 로력요구 {{count}}건에는 보낼 수 없습니다(배치된 시·군의 작업장에만 보냅니다).',
    otherSectorRuled: '{{list}}: 다른 부문이므로 보내지 않았습니다.',
    fullRuled: '{{list}}: 이미 모든 자리가 배정되여 있습니다.',
    equallyGood: '«{{workplace}}»({{points}}점)도 똑같이 좋은 선택입니다: 그리로 보내도 전체 점수는 같습니다.',
    alike: '같은 조건의 다른 사람이 그곳에 배정되였습니다. 같은 조건인 사람들은 부대, 그다음 군번 순서로 나눕니다.',
    costly:
      '«{{workplace}}»은(는) 이 사람에게 {{gain}}점 더 많지만, 그리로 보내면 다른 사람들과 작업장들이 {{cost}}점을 잃어 전체로 {{loss}}점 줄어듭니다.',
    costlyUnassigned: '«{{workplace}}»({{points}}점)에 보내면 전체로 {{loss}}점 줄어듭니다.',
    blocked: '«{{workplace}}»({{points}}점)에 보내면 다른 사람 한 명이 작업장을 잃게 되므로 보내지 않았습니다.',
    pinned: '담당자가 «{{workplace}}»에 고정하였으므로 배정이 그대로 둡니다.',
    pinnedNone: '담당자가 작업장 없이 두도록 고정하였으므로 배정이 그대로 둡니다.',
    moved: '담당자가 손으로 «{{workplace}}»에 옮겼습니다. 아래는 배정이 처음 내놓은 안의 리유입니다.',
    movedNone: '담당자가 손으로 작업장에서 뺐습니다. 아래는 배정이 처음 내놓은 안의 리유입니다.',
  },
};

type Messages = typeof allocationKo;

export const allocationEn: Messages = {
  settings: {
    skillPoints: 'Points per wanted skill',
    priorityWeight: 'Points per priority step',
    dev20x10Points: 'Points of a 20×10 workplace',
    fairness: 'Fairness weight',
    otherSectorCounties: 'Cities/counties allowed another sector',
    otherSectorCost: 'Points off for another sector',
    keepUnits: 'Keep persons of one unit together',
  },
  range: 'a whole number from {{min}} to {{max}}',
  rangeOther: 'a value that is not allowed',
  reasons: {
    county_has_no_requests: 'no requests in the city/county',
    no_request_of_sector: 'no request of the sector',
    all_full_before: 'no free seats (already assigned)',
    seats_taken: 'free seats went to others',
    kept_unassigned: 'kept without a workplace by the clerk',
  },
  workbook: {
    fileName: '{{year}}-{{term}}-allocation-proposal',
    title: 'Workplace allocation proposal, {{term}} {{year}}',
    subtitle: 'Made {{date}} · clerk {{clerk}} · proposal: {{state}}',
    states: { proposed: 'under review', accepted: 'accepted', discarded: 'discarded', undone: 'undone' },
    summarySheet: 'Summary',
    summaryColumns: [
      'Province',
      'City/county',
      'Persons',
      'Assigned',
      'Without workplace',
      'Other sector',
      'Requests',
      'Free seats',
      'Remarks',
    ],
    noRequests: 'no requests — nothing assigned',
    total: 'Total',
    countyTitle: '{{county}}: allocation proposal ({{term}} {{year}})',
    countyColumns: [
      'Workplace',
      'Sector',
      'Priority',
      'Requested',
      'Free seats',
      'Assigned',
      'Fill rate',
      'Service No.',
      'Name',
      'Skill',
      'Reason',
    ],
    unassignedHeading: 'Persons without a workplace',
    skillsMatched: 'wanted skills {{skills}}',
    priorityOnly: 'priority {{priority}}',
    crossSector: 'other sector',
    pinned: 'pinned by the clerk',
    moved: 'moved by hand',
    settingsHeading: 'Allocation settings',
    yes: 'yes',
    no: 'no',
  },
  why: {
    chosen: 'Proposed for “{{workplace}}”: {{parts}}; {{net}} points in all.',
    skills: 'wanted skills {{skills}} {{points}} points',
    noSkills: 'no wanted skill 0 points',
    priority: 'priority {{priority}} {{points}} points',
    dev20x10: '20×10 workplace {{points}} points',
    otherSector: 'another sector −{{points}} points',
    fairness: 'fairness −{{points}} points (seat {{seat}} of {{free}} free seats)',
    crossSector: 'This city/county allows another sector, so the person goes to a workplace of the {{sector}} sector.',
    unassigned: {
      county_has_no_requests: '{{county}} has no requests in this term, so no workplace was found.',
      no_request_of_sector: '{{county}} has no request of the {{sector}} sector, so no workplace was found.',
      all_full_before: 'Every seat of the {{sector}} workplaces of {{county}} was already assigned, so no workplace was found.',
      seats_taken: 'The free seats of the {{sector}} workplaces of {{county}} all went to others, so no workplace was found.',
    },
    otherCounty: '{{count}} requests of other cities/counties are out of reach (persons go only to workplaces of their own city/county).',
    otherSectorRuled: '{{list}}: another sector, not allowed here.',
    fullRuled: '{{list}}: every seat already assigned.',
    equallyGood: '“{{workplace}}” ({{points}} points) is an equally good choice: sending the person there keeps the total the same.',
    alike: 'A person with the same profile went there; persons alike are handed out by unit, then service number.',
    costly:
      '“{{workplace}}” gives this person {{gain}} points more, but sending them there costs the others and the workplaces {{cost}} points — {{loss}} points less in all.',
    costlyUnassigned: 'Sending the person to “{{workplace}}” ({{points}} points) would lower the total by {{loss}} points.',
    blocked:
      'Sending the person to “{{workplace}}” ({{points}} points) would leave another person without a workplace, so it was not done.',
    pinned: 'The clerk pinned the person to “{{workplace}}”; the allocation keeps them there.',
    pinnedNone: 'The clerk pinned the person to stay without a workplace; the allocation keeps it so.',
    moved: 'The clerk moved the person by hand to “{{workplace}}”. Below, the reasons of the allocation’s own proposal.',
    movedNone: 'The clerk took the person out of their workplace by hand. Below, the reasons of the allocation’s own proposal.',
  },
};

export const allocationErrorsKo: Record<AllocationErrorCode, string> = {
  allocation_setting_out_of_range:
    '배정 설정 «{{settingName}}»의 값이 맞지 않습니다({{range}}). 설정을 고쳐 다시 하십시오. 아무것도 바꾸지 않았습니다.',
  allocation_term_missing: '배정할 시기가 배치대장에 없습니다. 먼저 병무국 결정서를 들여오십시오. 아무것도 바꾸지 않았습니다.',
  allocation_not_optimal:
    '배정안이 자체 검산을 통과하지 못하여 내놓지 않았습니다. 아무것도 바꾸지 않았습니다. 기록(log)을 담당자에게 보내십시오.',
  allocation_run_missing: '그 배정안을 찾을 수 없습니다. 배정을 다시 하십시오. 아무것도 바꾸지 않았습니다.',
  allocation_run_closed: '이 배정안은 이미 받아들였거나 버렸으므로 바꾸거나 다시 받아들일 수 없습니다. 아무것도 바꾸지 않았습니다.',
  allocation_stale:
    '배정안을 만든 뒤에 그 배정안의 사람 {{persons}}명과 로력요구 {{requests}}건이 바뀌였습니다. 배정을 다시 하십시오. 아무것도 바꾸지 않았습니다.',
  allocation_nothing_to_accept: '이 배정안에는 작업장을 정한 사람이 없어 받아들일 것이 없습니다. 아무것도 바꾸지 않았습니다.',
  allocation_move_other_county: '그 사람은 배치된 시·군과 시기의 로력요구에만 보낼 수 있습니다. 아무것도 바꾸지 않았습니다.',
  allocation_move_full: '«{{workplace}}»에는 빈자리가 없습니다(요구인원 {{headcount}}명). 아무것도 바꾸지 않았습니다.',
  allocation_person_fixed:
    '{{name}}({{serviceNo}})은(는) 통지되였거나 도착하였거나 이미 작업장이 있거나 취소되여 옮길 수 없습니다. 아무것도 바꾸지 않았습니다.',
  allocation_unknown_county: '«{{county}}»은(는) 배치대장에 있는 시·군이 아닙니다. 아무것도 바꾸지 않았습니다.',
  allocation_ledger_changed: '배정안을 만든 뒤에 배치대장이 바뀌여 그 배정의 리유를 다시 계산할 수 없습니다. 배정을 다시 하십시오.',
};

export const allocationErrorsEn: Record<AllocationErrorCode, string> = {
  allocation_setting_out_of_range:
    'The allocation setting “{{settingName}}” is out of range ({{range}}). Correct it and run again. Nothing was changed.',
  allocation_term_missing: 'The ledger has no such term to allocate. Import the Bureau’s decision files first. Nothing was changed.',
  allocation_not_optimal:
    'The proposal failed its own optimality check and was withheld. Nothing was changed. Send the log to the person in charge.',
  allocation_run_missing: 'That proposal cannot be found. Run the allocation again. Nothing was changed.',
  allocation_run_closed: 'This proposal was already accepted or discarded; it cannot be changed or accepted again. Nothing was changed.',
  allocation_stale:
    'Since this proposal was made, {{persons}} of its persons and {{requests}} of its requests changed. Run the allocation again. Nothing was changed.',
  allocation_nothing_to_accept: 'This proposal gives nobody a workplace, so there is nothing to accept. Nothing was changed.',
  allocation_move_other_county: 'A person can go only to a request of their own city/county and term. Nothing was changed.',
  allocation_move_full: '“{{workplace}}” has no free seat (requested {{headcount}}). Nothing was changed.',
  allocation_person_fixed:
    '{{name}} ({{serviceNo}}) was notified, has arrived, already has a workplace or was cancelled, and cannot be moved. Nothing was changed.',
  allocation_unknown_county: '“{{county}}” is not a city/county of the ledger. Nothing was changed.',
  allocation_ledger_changed:
    'The ledger changed after this proposal was made, so its reasons cannot be worked out again. Run the allocation again.',
};

const interpolate = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** An explanation in words: names instead of ids (main fills it from its explanation data). */
export interface ExplanationWords {
  county: string;
  sector: Sector;
  /** Sector names in the clerk's language. */
  sectorName: (sector: Sector) => string;
  chosen:
    | null
    | (PointsBreakdown & {
        workplace: string;
        sector: Sector;
        seat: number;
        freeSeats: number;
        fairnessCost: number;
        net: number;
        crossSector: boolean;
      });
  unassignedReason: UnassignedReason | null;
  ruledOut: { otherCounty: number; otherSector: string[]; full: string[] };
  alternatives: {
    workplace: string;
    points: number;
    betterLooking: boolean;
    gain: number;
    loss: number | null;
    costToOthers: number | null;
    equallyGood: boolean;
    alikeThere: number;
  }[];
}

/** Sentences a clerk reads for "why": the choice (or why none), rules, the roads not taken. */
export function explanationSentences(
  words: ExplanationWords,
  language: Language,
  messages: Messages = language === 'ko' ? allocationKo : allocationEn,
): string[] {
  const m = messages.why;
  const out: string[] = [];
  const c = words.chosen;
  if (c) {
    const parts = [
      c.skills.length > 0 ? interpolate(m.skills, { skills: c.skills.join(', '), points: c.skillPoints }) : m.noSkills,
      interpolate(m.priority, { priority: c.priority, points: c.priorityPoints }),
    ];
    if (c.dev20x10Points > 0) parts.push(interpolate(m.dev20x10, { points: c.dev20x10Points }));
    if (c.otherSectorCost > 0) parts.push(interpolate(m.otherSector, { points: c.otherSectorCost }));
    if (c.fairnessCost > 0) parts.push(interpolate(m.fairness, { points: c.fairnessCost, seat: c.seat, free: c.freeSeats }));
    out.push(interpolate(m.chosen, { workplace: c.workplace, parts: parts.join(', '), net: c.net }));
    if (c.crossSector) out.push(interpolate(m.crossSector, { sector: words.sectorName(c.sector) }));
  } else if (words.unassignedReason) {
    out.push(interpolate(m.unassigned[words.unassignedReason], { county: words.county, sector: words.sectorName(words.sector) }));
  }
  if (words.ruledOut.otherCounty > 0) out.push(interpolate(m.otherCounty, { count: words.ruledOut.otherCounty }));
  const list = (names: string[]) => [...new Set(names)].map((n) => (language === 'ko' ? `«${n}»` : `“${n}”`)).join(', ');
  if (words.ruledOut.otherSector.length > 0) out.push(interpolate(m.otherSectorRuled, { list: list(words.ruledOut.otherSector) }));
  if (words.ruledOut.full.length > 0) out.push(interpolate(m.fullRuled, { list: list(words.ruledOut.full) }));
  let told = 0;
  let alikeTold = false;
  for (const a of words.alternatives) {
    if (!a.betterLooking && !a.equallyGood) continue;
    if (told++ >= 3) break;
    if (a.equallyGood) {
      out.push(interpolate(m.equallyGood, { workplace: a.workplace, points: a.points }));
      if (a.alikeThere > 0 && !alikeTold) out.push(m.alike);
      alikeTold ||= a.alikeThere > 0;
    } else if (a.loss === null) out.push(interpolate(m.blocked, { workplace: a.workplace, points: a.points }));
    else if (c) out.push(interpolate(m.costly, { workplace: a.workplace, gain: a.gain, cost: a.costToOthers ?? 0, loss: a.loss }));
    else out.push(interpolate(m.costlyUnassigned, { workplace: a.workplace, points: a.points, loss: a.loss }));
  }
  return out;
}
