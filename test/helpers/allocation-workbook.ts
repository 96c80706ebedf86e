// Reads a small workbook back (exceljs, independent of our writer): every sheet's name and its
// cell values as text, row by row.
import ExcelJS from 'exceljs';

export async function readWorkbookCells(path: string): Promise<{ name: string; rows: string[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)));
      rows.push(values);
    });
    return { name: ws.name, rows };
  });
}
