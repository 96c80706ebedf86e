// A row of a decision file (the Bureau's): a person, where the Bureau sends them, and in which term.
import type { ImportIssue } from '../../shared/api/import.contract';
import { cleanText, normalizeServiceNo } from '../../shared/normalize';
import { cleanFast } from './normalize';
import { personNameColumns } from '../domain/persons';
import { cellText } from './layout';
import type { RawRow } from '../spreadsheet/read/xlsx';
import { cleanOf, optionalText, printableAt, rankOf, readDate, sectorOf, serviceNoOf, sexOf } from './row-cells';
import { RowProcessor } from './row-processor';
import type { RowResult } from './rows';

export class DecisionRowProcessor extends RowProcessor {
  protected who(row: RawRow): { serviceNo: string; name: string } {
    return { serviceNo: cleanText(this.text(row, this.cols.serviceNo)), name: cleanText(this.text(row, this.cols.name)) };
  }

  protected keyColumn(): number | undefined {
    return this.ctx.layout.fieldColumns.name;
  }

  /** A total or footnote row names no person. */
  protected looksLikeKey(text: string): boolean {
    // A name that starts with a letter or syllable is not blank: no need to clean it.
    return printableAt(text, 0) || cleanText(text) !== '';
  }

  process(row: RawRow): RowResult {
    const c = this.cols;
    const issues: ImportIssue[] = [];
    this.tooLong(row, issues);
    const serviceRaw = this.text(row, c.serviceNo);
    let serviceNo: string | null = null;
    if (serviceRaw.trim() === '') issues.push(this.issue(row, 'serviceNo', 'missing_service_no'));
    else {
      serviceNo = serviceNoOf(serviceRaw);
      if (serviceNo === null) {
        // A '?' (or U+FFFD) at either end is what a CP949 export makes of a non-breaking space.
        const stripped = normalizeServiceNo(serviceRaw.replace(/^[\s?\uFFFD]+|[\s?\uFFFD]+$/g, ''));
        if (stripped !== null && /\d/.test(stripped)) {
          serviceNo = stripped;
          issues.push(this.issue(row, 'serviceNo', 'service_no_cleaned', { value: serviceRaw, cleaned: stripped }));
        } else issues.push(this.issue(row, 'serviceNo', 'invalid_service_no', { value: serviceRaw }));
      }
    }
    const name = cleanFast(this.text(row, c.name));
    if (name === '') issues.push(this.issue(row, 'name', 'missing_name'));
    const { text: sexText, value: sex } = sexOf(this.text(row, c.sex));
    if (sexText !== '' && sex === null) issues.push(this.issue(row, 'sex', 'invalid_sex', { value: sexText }));
    const birth = readDate(this.value(row, c.birthDate));
    if (birth === false) issues.push(this.issue(row, 'birthDate', 'invalid_date', { value: cellText(this.value(row, c.birthDate)) }));
    const discharge = readDate(this.value(row, c.dischargeDate));
    if (discharge === false)
      issues.push(this.issue(row, 'dischargeDate', 'invalid_date', { value: cellText(this.value(row, c.dischargeDate)) }));
    const birthIso = birth === false ? null : birth;
    const dischargeIso = discharge === false ? null : discharge;
    if (birthIso !== null && dischargeIso !== null && birthIso >= dischargeIso) {
      issues.push(this.issue(row, 'birthDate', 'birth_after_discharge', { birth: birthIso, discharge: dischargeIso }));
    }
    const { text: rankText, value: rank } = rankOf(this.text(row, c.rank));
    if (rankText !== '' && rank === null) issues.push(this.issue(row, 'rank', 'invalid_rank', { value: rankText }));
    const { term, year } = this.termAndYear(row, issues, dischargeIso ? Number(dischargeIso.slice(0, 4)) : null);
    const unit = this.county(row, 'destCounty', 'destProvince', issues);
    const { text: sectorText, value: sectorValue } = sectorOf(this.text(row, c.sector));
    const sector = sectorText === '' ? 'other' : sectorValue;
    if (sector === null) issues.push(this.issue(row, 'sector', 'invalid_sector', { value: sectorText }));
    const homeProvinceText = cleanOf(this.text(row, c.homeProvince));
    let homeProvince: string | null = null;
    if (homeProvinceText !== '') {
      homeProvince = this.provinceCode(homeProvinceText);
      if (homeProvince === null) issues.push(this.issue(row, 'homeProvince', 'unknown_home_province', { value: homeProvinceText }));
    }
    if (row.formulaNoValue) {
      for (const col of row.formulaNoValue) {
        const column = this.ctx.layout.columns[col];
        if (column?.field && column.field !== 'rowNo') issues.push(this.issue(row, column.field, 'formula_without_value'));
      }
    }
    if (serviceNo !== null) this.duplicate(row, serviceNo, serviceRaw, 'serviceNo', issues);
    const out = this.result(row, issues);
    if (out.status === 'ok' && serviceNo !== null && unit !== null && term !== null && year !== null && sector !== null) {
      out.decision = {
        serviceNo,
        name,
        nameSortKey: personNameColumns(name).name_sort_key,
        sex,
        birthDate: birthIso,
        dischargeDate: dischargeIso,
        unit: optionalText(this.text(row, c.unit)),
        rank,
        term,
        year,
        homeProvince,
        homeCounty: optionalText(this.text(row, c.homeCounty)),
        skill: optionalText(this.text(row, c.skill)),
        education: optionalText(this.text(row, c.education)),
        notes: optionalText(this.text(row, c.notes)),
        destProvince: unit.provinceCode,
        destCountyId: unit.id,
        destCountyCode: unit.code,
        sector,
      };
    } else if (out.status === 'ok') {
      out.status = 'error';
    }
    return out;
  }
}
