// The Import page (decision files and county request sheets).
import { ComingSoon } from '../ComingSoon';

export function ImportPage(): React.JSX.Element {
  return <ComingSoon page="import" />;
}
