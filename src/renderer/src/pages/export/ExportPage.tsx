// The Export page (rosters for every city and county labor department).
import { ComingSoon } from '../ComingSoon';

export function ExportPage(): React.JSX.Element {
  return <ComingSoon page="export" />;
}
